/** Says plainly that the page shows the built-in simulated server, not the user's own. */
export function DemoBanner() {
  return (
    <p data-tone="demo" className="tinted rounded-lg px-4 py-2 text-sm">
      Demo: these activities come from a simulated Plex server built into this dashboard. Set
      PLEX_URL and PLEX_TOKEN to watch your own server.
    </p>
  );
}

export default DemoBanner;
