import { describe, expect, it, vi } from 'vitest';
import { CommandRegistry, parseShortcut } from './commands';

function key(key: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>> = {}) {
  return new KeyboardEvent('keydown', { key, cancelable: true, ...mods });
}

describe('command registry', () => {
  it('parses shortcut labels and refuses unknown modifiers', () => {
    expect(parseShortcut('Ctrl+Shift+S')).toEqual({ ctrl: true, shift: true, alt: false, key: 's' });
    expect(parseShortcut('Ctrl+/')).toEqual({ ctrl: true, shift: false, alt: false, key: '/' });
    expect(parseShortcut('Ctrl++').key).toBe('+');
    expect(() => parseShortcut('Hyper+S')).toThrow(/unknown modifier/);
  });

  it('dispatches a shortcut to the enabled command and prevents the default', () => {
    const registry = new CommandRegistry();
    const save = vi.fn();
    const snapshot = vi.fn();
    registry.register({ id: 'save', title: 'Save', shortcut: 'Ctrl+S', run: save });
    registry.register({ id: 'snap', title: 'Snapshot', shortcut: 'Ctrl+Shift+S', run: snapshot });

    const plain = key('s', { ctrlKey: true });
    expect(registry.handleKey(plain)).toBe(true);
    expect(plain.defaultPrevented).toBe(true);
    expect(save).toHaveBeenCalledTimes(1);
    expect(snapshot).not.toHaveBeenCalled();

    // Shift makes the key "S"; ⌘ counts as Ctrl.
    expect(registry.handleKey(key('S', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(snapshot).toHaveBeenCalledTimes(1);

    const other = key('s');
    expect(registry.handleKey(other)).toBe(false);
    expect(other.defaultPrevented).toBe(false);
  });

  it('skips disabled commands but still takes their key', () => {
    const registry = new CommandRegistry();
    const run = vi.fn();
    registry.register({ id: 'new', title: 'New', shortcut: 'Ctrl+N', run, enabled: () => false });
    const event = key('n', { ctrlKey: true });
    expect(registry.handleKey(event)).toBe(true);
    expect(event.defaultPrevented).toBe(true);
    expect(run).not.toHaveBeenCalled();
    expect(registry.available()).toEqual([]);
    expect(registry.run('new')).toBe(false);
  });

  it('replaces a command registered again, and an old cleanup leaves the new one', () => {
    const registry = new CommandRegistry();
    const first = registry.register({ id: 'x', title: 'First', run: () => {} });
    registry.register({ id: 'x', title: 'Second', run: () => {} });
    first();
    expect(registry.all().map((c) => c.title)).toEqual(['Second']);
  });
});
