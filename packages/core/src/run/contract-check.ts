import type { Connection } from '../adapter/connection';
import type { Dialect } from '../adapter/dialect';
import { contractMismatches, mismatchTable } from '../contracts/column-check';
import { contractSpec, type ContractSpec } from '../contracts/contract-ddl';
import { TsmodelError } from '../diagnostics';
import type { ManifestNode, NodeConfig } from '../manifest/types';

/**
 * A model's enforced contract, checked against what its SQL returns before anything is built
 * (dbt's `assert_columns_equivalent`): the columns and types of `select * from (<sql>) where
 * false limit 0`, which reads no rows. A mismatch fails the node with dbt's table of
 * differences and builds nothing; the previous relation stays as it was. Returns the spec the
 * planner declares the table with, or undefined for a model without an enforced contract.
 */
export async function checkContract(
  conn: Connection,
  node: ManifestNode,
  sql: string,
  config: NodeConfig,
  dialect: Dialect,
): Promise<ContractSpec | undefined> {
  const spec = contractSpec(node, dialect);
  if (!spec) return undefined;
  const header = typeof config.sql_header === 'string' ? config.sql_header.trim() : '';
  if (header !== '')
    await conn.execute(header, {
      label: 'sql_header for the contract check',
      node: node.unique_id,
    });
  const probe = await conn.fetch(`select * from (\n${sql}\n) as model_subq where false limit 0`, {
    label: 'read the columns of the contracted SQL',
    node: node.unique_id,
  });
  const mismatches = contractMismatches(spec.columns, probe.columns, dialect);
  if (mismatches.length === 0) return spec;
  throw new TsmodelError({
    code: 'contract-mismatch',
    message: [
      `model '${node.name}' has an enforced contract that its SQL does not meet; nothing was built:`,
      '',
      mismatchTable(mismatches),
    ].join('\n'),
    node: node.unique_id,
    location: { file: node.patch_path ?? node.original_file_path },
    hint: "make the name, data_type and number of columns in the contract match the model's select",
  });
}
