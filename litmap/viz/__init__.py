"""Views: render finished results (networks, clusters, bursts, corpus) as HTML and figures."""
