/** Whose account a run is about; mirrors TARGET_TYPES in @tiktok-army/core (which the bundle must not import). */
export const TARGET_TYPES = [
  { value: "brand", label: "Brand" },
  { value: "creator", label: "Creator" },
  { value: "competitor", label: "Competitor" },
] as const;
