/**
 * A wide table's box: on a narrow screen it scrolls sideways inside the page, and it takes the keyboard focus so it
 * can be scrolled without a mouse (a region that scrolls but cannot be focused is out of reach of the keyboard).
 */
export function ScrollBox({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto ${className}`.trim()}>
      {children}
    </div>
  );
}
