// Typed loosely on purpose: `shared` does not depend on tailwindcss; each app casts to its Config.
declare const preset: object;
export = preset;
