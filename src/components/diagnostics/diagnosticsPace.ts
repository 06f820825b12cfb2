// The diagnostics follow a training run once a second at most. Each sample redraws six small plots (SmallPlot.tsx)
// and a heatmap; the page's views already see the run's progress at most twice a second (store.ts), and on a real
// GPU a sample can come with every one of those. A second is still "as it trains" for a heatmap that gains a
// column per sample, and it leaves the main thread to the error chart and the status (issue 20, finding 2). The
// section takes the new samples in the store's publish that ends the second (state/pacedView.ts).

/** The diagnostics' pace while a run trains (ms). */
export const DIAGNOSTICS_INTERVAL_MS = 1_000;
