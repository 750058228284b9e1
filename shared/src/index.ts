export * from "./actions";
export * from "./charter";
export * from "./client";
export * from "./contract";
export * from "./contract-admin";
export * from "./errors";
export * from "./permissions";
export * from "./roles";
