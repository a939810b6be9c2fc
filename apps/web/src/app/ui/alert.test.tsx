import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FormMessage } from './alert';

describe('FormMessage', () => {
  it('announces an error as an alert and a success as a status', () => {
    render(
      <>
        <FormMessage tone="error">The end must be after the start</FormMessage>
        <FormMessage tone="success">Saved</FormMessage>
      </>,
    );
    expect(screen.getByRole('alert').textContent).toBe('The end must be after the start');
    expect(screen.getByRole('status').textContent).toBe('Saved');
  });

  it('shows nothing without a message', () => {
    const { container } = render(<FormMessage tone="error">{''}</FormMessage>);
    expect(container.childElementCount).toBe(0);
  });
});
