// The shared modal frame: its name, Esc, the close button, Tab kept inside, focus given back.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet, tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Modal from './Modal.svelte';

const body = createRawSnippet(() => ({
  render: () => '<div><input data-testid="first-field" aria-label="Name" /><button type="button" data-testid="last">Save</button></div>',
}));

function open(props: Partial<{ closeDisabled: boolean; onclose: () => void }> = {}) {
  const onclose = props.onclose ?? vi.fn();
  const result = render(Modal, {
    props: { title: 'Settings', testid: 'modal', closeLabel: 'Close settings', onclose, children: body, ...props },
  });
  return { ...result, onclose, dialog: screen.getByTestId('modal') as HTMLDialogElement };
}

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('Modal', () => {
  it('is a modal dialog named by its title, with a named close button', () => {
    const { dialog, onclose } = open();
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Settings');
    const close = screen.getByRole('button', { name: 'Close settings' });
    void fireEvent.click(close);
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it('asks the parent to close on Esc, and keeps the dialog open itself', async () => {
    const { dialog, onclose } = open();
    const cancel = new Event('cancel', { cancelable: true });
    dialog.dispatchEvent(cancel);
    await tick();
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(cancel.defaultPrevented).toBe(true);
  });

  it('ignores Esc and disables the close button while closing is not allowed', async () => {
    const { dialog, onclose } = open({ closeDisabled: true });
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    await tick();
    expect(onclose).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Close settings' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('wraps Tab at the last control and Shift+Tab at the first', async () => {
    const { dialog } = open();
    const close = screen.getByRole('button', { name: 'Close settings' });
    const last = screen.getByTestId('last');
    last.focus();
    const tab = await fireEvent.keyDown(last, { key: 'Tab' });
    expect(tab).toBe(false); // default prevented: the focus moved here, not out of the dialog
    expect(document.activeElement).toBe(close);
    await fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
    // In between, Tab is the browser's: nothing is prevented.
    const field = screen.getByTestId('first-field');
    field.focus();
    expect(await fireEvent.keyDown(field, { key: 'Tab' })).toBe(true);
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('gives the focus back to what had it when it opened', async () => {
    const opener = document.createElement('button');
    opener.textContent = 'Settings';
    document.body.append(opener);
    opener.focus();
    const { unmount } = open();
    screen.getByTestId('last').focus();
    unmount();
    await tick();
    expect(document.activeElement).toBe(opener);
  });
});
