interface ProgressBarProps {
  /** The accessible name: the title of what progresses. */
  label: string;
  /** Whole percent from 0 to 100, or null when the amount is unknown. */
  value: number | null;
}

/** A progress bar that shows a moving stripe instead of a number when the amount is unknown. */
export function ProgressBar({ label, value }: ProgressBarProps) {
  const state = value === null ? 'indeterminate' : 'determinate';

  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      aria-valuetext={value === null ? 'In progress, amount unknown' : `${value} %`}
      data-state={state}
      className="progress-track relative h-2 w-full overflow-hidden rounded-full bg-track"
    >
      <div
        className="progress-fill absolute inset-y-0 left-0 w-full origin-left rounded-full bg-amber-500"
        style={value === null ? undefined : { transform: `scaleX(${value / 100})` }}
      />
    </div>
  );
}
