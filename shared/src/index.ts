export * from "./actions";
export * from "./client";
export * from "./contract";
export * from "./errors";
export * from "./permissions";
export * from "./roles";
