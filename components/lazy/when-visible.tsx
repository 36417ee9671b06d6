"use client";

import { startTransition, useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Shows `fallback` (sized like what replaces it, so nothing jumps) until the element comes within `margin` of the
 * viewport, then `children`: code that only matters below the fold loads when a person scrolls to it.
 */
export function WhenVisible({
  children,
  fallback,
  margin = "300px",
  className,
}: {
  children: ReactNode;
  fallback: ReactNode;
  margin?: string;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (seen || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        // A transition: React may draw what appears in slices, between which the page still answers a click.
        if (entries.some((entry) => entry.isIntersecting)) startTransition(() => setSeen(true));
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen, margin]);
  return (
    <div ref={ref} className={className}>
      {seen ? children : fallback}
    </div>
  );
}
