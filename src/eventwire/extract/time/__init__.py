"""extract/time stage."""
