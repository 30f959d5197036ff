"""The Jinja2 oracle of the differential suite (jinja-parity.int.test.ts).

Renders every probe read from stdin (a JSON list of {template, context, macros}) with real
Jinja2 configured as dbt configures it -- extensions `do` and `loopcontrols`, macros renamed
`dbt_macro__<name>` and called through a wrapper that turns `return()` into the macro's value,
and dbt's context helpers -- and prints one JSON result per probe: {"out": text} or
{"error": message}. The helpers are a stub written after dbt-core's context/base.py and
exceptions; nothing of dbt itself is imported.
"""
import datetime
import hashlib
import itertools
import json
import re
import sys
import zoneinfo

import jinja2
import jinja2.ext
import yaml


class MacroReturn(Exception):
    def __init__(self, value):
        self.value = value


class CompilationError(Exception):
    pass


def _return(value):
    raise MacroReturn(value)


class _Pytz:
    """The parts of pytz packages use, on zoneinfo (pytz itself may be absent)."""

    utc = datetime.timezone.utc
    UTC = datetime.timezone.utc

    @staticmethod
    def timezone(name):
        zone = zoneinfo.ZoneInfo(name)

        class Zone(datetime.tzinfo):
            def utcoffset(self, dt):
                return zone.utcoffset(dt)

            def dst(self, dt):
                return zone.dst(dt)

            def tzname(self, dt):
                return zone.tzname(dt)

            def localize(self, dt):
                return dt.replace(tzinfo=zone)

            def __str__(self):
                return name

        return Zone()


class _Modules:
    datetime = datetime
    re = re
    itertools = itertools
    pytz = _Pytz


class _Exceptions:
    @staticmethod
    def raise_compiler_error(msg, node=None):
        raise CompilationError(msg)

    @staticmethod
    def warn(msg, node=None):
        return ""

    @staticmethod
    def raise_not_implemented(msg):
        raise NotImplementedError(msg)


class _Flags:
    FULL_REFRESH = False
    STORE_FAILURES = False
    WHICH = "run"
    DEBUG = False


def _tojson(value, default=None, sort_keys=False):
    try:
        return json.dumps(value, sort_keys=sort_keys)
    except ValueError:
        return default


def _fromjson(string, default=None):
    try:
        return json.loads(string)
    except ValueError:
        return default


def _fromyaml(value, default=None):
    try:
        return yaml.safe_load(value)
    except (AttributeError, ValueError, yaml.YAMLError):
        return default


def _toyaml(value, default=None, sort_keys=False):
    try:
        return yaml.safe_dump(data=value, sort_keys=sort_keys)
    except (ValueError, yaml.YAMLError):
        return default


def _set(value, default=None):
    try:
        return set(value)
    except TypeError:
        return default


def _set_strict(value):
    try:
        return set(value)
    except TypeError as e:
        raise CompilationError(str(e))


def _zip(*args, default=None):
    try:
        return zip(*args)
    except TypeError:
        return default


def _zip_strict(*args):
    try:
        return zip(*args)
    except TypeError as e:
        raise CompilationError(str(e))


def _try_or_compiler_error(message_if_exception, func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except Exception:
        raise CompilationError(message_if_exception)


def _local_md5(value):
    return hashlib.md5(value.encode("utf-8")).hexdigest()


def _print(msg):
    return ""


def _log(msg, info=False):
    return ""


HELPERS = {
    "return": _return,
    "modules": _Modules,
    "exceptions": _Exceptions,
    "flags": _Flags,
    "tojson": _tojson,
    "fromjson": _fromjson,
    "toyaml": _toyaml,
    "fromyaml": _fromyaml,
    "set": _set,
    "set_strict": _set_strict,
    "zip": _zip,
    "zip_strict": _zip_strict,
    "try_or_compiler_error": _try_or_compiler_error,
    "local_md5": _local_md5,
    "print": _print,
    "log": _log,
}

MACRO = re.compile(r"(\{%-?\s*macro\s+)(\w+)")


def environment():
    env = jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    # dbt's own filters.
    env.filters["as_text"] = lambda v: "" if v is None else str(v)
    env.filters["as_bool"] = lambda v: v
    env.filters["as_number"] = lambda v: v
    env.filters["as_native"] = lambda v: v
    return env


def load_macros(env, text, context):
    """Each macro of `text` as dbt calls it: by name, through the context, catching return()."""
    template = env.from_string(MACRO.sub(r"\1dbt_macro__\2", text))
    names = [m.group(2) for m in MACRO.finditer(text)]

    def generator(name):
        def call(*args, **kwargs):
            module = template.make_module(vars=context)
            try:
                return getattr(module, "dbt_macro__" + name)(*args, **kwargs)
            except MacroReturn as r:
                return r.value

        return call

    for name in names:
        context[name] = generator(name)


def render(env, probe):
    context = dict(HELPERS)
    context.update(probe.get("context") or {})
    if probe.get("macros"):
        load_macros(env, probe["macros"], context)
    return env.from_string(probe["template"]).render(context)


def main():
    env = environment()
    results = []
    for probe in json.load(sys.stdin):
        try:
            results.append({"out": render(env, probe)})
        except MacroReturn as r:
            results.append({"error": "return() outside a macro: %r" % (r.value,)})
        except Exception as e:
            results.append({"error": "%s: %s" % (type(e).__name__, e)})
    json.dump(results, sys.stdout)


main()
