/** The CRM's tables (org chart, customers, deals, …), merged into the server's `Database`. */
export interface CrmTables {}
