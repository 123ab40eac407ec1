import type { ComponentProps } from 'react';

type ButtonProps = ComponentProps<'button'> & { variant?: 'primary' | 'danger' | 'quiet' };

const VARIANTS = {
  primary: 'bg-amber-500 text-slate-950 hover:bg-amber-400',
  danger: 'bg-red-600 text-white hover:bg-red-500',
  quiet: 'border border-edge text-soft hover:bg-chip',
} as const;

export function Button({
  variant = 'quiet',
  className = '',
  type = 'button',
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      className={`rounded-md px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-500 disabled:cursor-not-allowed disabled:opacity-60 ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}
