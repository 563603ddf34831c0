/**
 * The shapes the server's API sends and accepts. They mirror the server's contracts; when
 * `server/contracts` exists, these become type-only re-exports from there.
 */

export const ROLES = ['rep', 'manager', 'designer', 'admin', 'integration'] as const;
export type Role = (typeof ROLES)[number];

/** Who is signed in: `POST /api/auth/login` (`user`), `GET /api/me`, the websocket `ready`. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
}

export interface LoginResponse {
  token: string;
  /** ISO 8601 timestamp. */
  expiresAt: string;
  user: SessionUser;
}

/** A row of `GET /api/users`. */
export interface UserRecord extends SessionUser {
  active: boolean;
  createdAt: string;
}

export interface UserList {
  items: UserRecord[];
}

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  roles: string[];
}

export interface UpdateUserInput {
  name?: string;
  roles?: string[];
  active?: boolean;
  password?: string;
}

/** The body of every error response. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}
