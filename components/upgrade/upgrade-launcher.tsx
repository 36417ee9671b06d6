"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { UpgradeWizardProps } from "./upgrade-wizard";

const loadWizard = () => import("./upgrade-wizard").then((m) => m.UpgradeWizard);

// The wizard (its forms, the code scan, the server actions' client) loads when the engineer opens it, not with the
// page every viewer reads.
const UpgradeWizard = dynamic(loadWizard, {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-slate-600">
      Opening the upgrade wizard…
    </p>
  ),
});

/** "Upgrade…": opens the wizard, and is back when the engineer cancels it. */
export function UpgradeLauncher(props: UpgradeWizardProps) {
  const [open, setOpen] = useState(false);
  // Cancelled: the button takes the focus back, so the keyboard does not fall to the page's top.
  const [closed, setClosed] = useState(false);
  if (props.targets.length === 0)
    return <p className="text-sm text-slate-600">No newer Flink runtime is available for this application.</p>;
  if (open)
    return (
      <UpgradeWizard
        {...props}
        onClose={() => {
          setOpen(false);
          setClosed(true);
        }}
      />
    );
  return (
    <button
      type="button"
      autoFocus={closed}
      onClick={() => setOpen(true)}
      // Fetch the code while the pointer or the focus is on the button: the wizard is usually there by the click.
      onPointerEnter={() => void loadWizard()}
      onFocus={() => void loadWizard()}
      className="block rounded bg-sky-700 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-800"
    >
      Upgrade…
    </button>
  );
}
