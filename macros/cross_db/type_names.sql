{#- Column type names per warehouse. Redshift's TEXT is VARCHAR(256), too short for URLs, so
    strings there use the maximum VARCHAR length instead. -#}
{% macro type_string() %}
  {{- return(adapter.dispatch('type_string', 'tsmodel_sessionization')()) -}}
{% endmacro %}

{% macro default__type_string() %}varchar{% endmacro %}
{% macro postgres__type_string() %}text{% endmacro %}
{% macro redshift__type_string() %}varchar(65535){% endmacro %}
{% macro snowflake__type_string() %}varchar{% endmacro %}

{% macro type_timestamp() %}
  {{- return(adapter.dispatch('type_timestamp', 'tsmodel_sessionization')()) -}}
{% endmacro %}

{% macro default__type_timestamp() %}timestamp{% endmacro %}
{% macro snowflake__type_timestamp() %}timestamp_ntz{% endmacro %}
