"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-6 text-sm text-red-800">
      <h2 className="mb-2 text-base font-semibold">This page could not be loaded</h2>
      <p className="mb-3">
        {error.message || "An unexpected error occurred."}
        {error.digest ? ` (ref ${error.digest})` : ""}
      </p>
      <button
        type="button"
        onClick={reset}
        className="rounded border border-red-300 bg-white px-3 py-1 font-medium hover:bg-red-100"
      >
        Try again
      </button>
    </div>
  );
}
