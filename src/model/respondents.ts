/** Who gave a rating, in output order. Kept apart from the zod schemas so readers can use it without loading zod. */
export const RESPONDENT_ORDER = ['overall', 'ijb', 'council', 'health_board'] as const;
