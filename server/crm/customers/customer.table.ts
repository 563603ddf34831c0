import type { ColumnType, Generated, Selectable } from 'kysely';

export const CUSTOMER_KINDS = ['person', 'company'] as const;
export const CUSTOMER_STATUSES = ['new', 'regular', 'qualified', 'unqualified', 'lost'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export interface ContactPoint {
  value: string;
  primary: boolean;
}

export interface Address {
  label?: string;
  street?: string;
  city?: string;
  postalCode?: string;
  country?: string;
}

type Json<T> = ColumnType<T, string, string>;

export interface CustomerTable {
  id: Generated<string>;
  kind: CustomerKind;
  name: string;
  emails: Json<ContactPoint[]>;
  phones: Json<ContactPoint[]>;
  addresses: Json<Address[]>;
  status: CustomerStatus;
  categories: string[];
  owner_id: string | null;
  unit_id: string | null;
  region: string | null;
  source: string | null;
  tax_id: string | null;
  type_id: string | null;
  custom_fields: Json<Record<string, unknown>>;
  version: ColumnType<number, never, number>;
  /** Set by the app to the millisecond, so a keyset cursor (a JS date) compares exactly. */
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

export const IDENTIFIER_KINDS = ['email', 'phone', 'taxId'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** A normalised e-mail / phone / tax id of a customer, for duplicate checks and search. */
export interface CustomerIdentifierTable {
  customer_id: string;
  kind: IdentifierKind;
  value: string;
}

export type CustomerRow = Selectable<CustomerTable>;
