import type { AuditLogTable } from '../audit/audit-log.table.js';
import type { CustomerContactTable } from '../contacts/contact.table.js';
import type { CustomerTypeTable } from '../customer-types/customer-type.table.js';
import type { CustomerIdentifierTable, CustomerTable } from '../customers/customer.table.js';
import type { DealStageHistoryTable, DealTable } from '../deals/deal.tables.js';
import type { OrgUnitTable, PositionTable, SubstitutionTable, UserPositionTable } from '../org/org.tables.js';
import type { PipelineStageTable, PipelineTable } from '../pipelines/pipeline.tables.js';

/** The CRM's tables (org chart, customers, deals, …), merged into the server's `Database`. */
export interface CrmTables {
  org_units: OrgUnitTable;
  positions: PositionTable;
  user_positions: UserPositionTable;
  substitutions: SubstitutionTable;
  audit_log: AuditLogTable;
  customers: CustomerTable;
  customer_identifiers: CustomerIdentifierTable;
  customer_contacts: CustomerContactTable;
  customer_types: CustomerTypeTable;
  pipelines: PipelineTable;
  pipeline_stages: PipelineStageTable;
  deals: DealTable;
  deal_stage_history: DealStageHistoryTable;
}
