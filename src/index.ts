// Public (jsii) API. Each area exports its constructs and value classes here.
export {};
