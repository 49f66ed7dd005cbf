"""extract/quotes stage."""
