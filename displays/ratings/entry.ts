// Entry of the ratings bundle.
export {};
