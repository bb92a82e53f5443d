/** Moved to role.enums.ts; kept for the deep imports (`@app/auth/role`) other libs still have — import `@app/auth`. */
export * from './role.enums';
