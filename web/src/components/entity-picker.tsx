import { useEffect, useId, useState } from 'react';
import { searchGraph, type EntityRef, type SearchHit } from '../api/queries.ts';
import { TypeBadge } from './type-badge.tsx';

/** A search box that picks one entity (arrows and Enter, or a click). */
export function EntityPicker({ label, value, onPick }: { label: string; value: EntityRef | null; onPick: (hit: SearchHit) => void }) {
  const [text, setText] = useState(value?.name ?? '');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  useEffect(() => setText(value?.name ?? ''), [value]);
  useEffect(() => {
    if (!open || text.trim().length < 2) return setHits([]);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchGraph(text.trim(), 8, controller.signal).then(
        (found) => setHits(found.filter((h) => h.type !== 'Passage')),
        () => setHits([]),
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, open]);
  const pick = (hit: SearchHit) => {
    onPick(hit);
    setOpen(false);
    setText(hit.name);
  };
  return (
    <div className="picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={open && hits.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={open && hits[active] ? `${id}-${active}` : undefined}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (e.key === 'Enter' && hits[active]) {
            e.preventDefault();
            pick(hits[active]);
          } else if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && hits.length > 0 && (
        <ul id={`${id}-list`} role="listbox" className="picker-list" aria-label={`${label} suggestions`}>
          {hits.map((hit, i) => (
            <li
              key={`${hit.type}:${hit.id}`}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(hit);
              }}
            >
              <TypeBadge type={hit.type} /> {hit.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
