"""extract/actors stage."""
