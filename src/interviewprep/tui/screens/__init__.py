"""Full-page screens: home, setup, interview, summary, bank browser, question detail, help."""
