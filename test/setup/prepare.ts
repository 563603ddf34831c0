// Runs once before the test files (tap's `before`). Filled in by the database layer.
export {};
