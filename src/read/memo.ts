/**
 * A function's answers remembered by their text argument, for texts that repeat from
 * cell to cell and file to file (titles, header labels). Bounded: a reader process may
 * read thousands of returns, so the memory is emptied once it holds `limit` answers.
 */
export function rememberedByText<V extends NonNullable<unknown> | null>(compute: (text: string) => V, limit = 10_000): (text: string) => V {
  const answers = new Map<string, V>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      if (answers.size >= limit) answers.clear();
      answers.set(text, (answer = compute(text)));
    }
    return answer;
  };
}
