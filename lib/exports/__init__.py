"""Images and slides made on the server: PNG/SVG of a chart, and the briefing deck as PowerPoint or PDF."""
