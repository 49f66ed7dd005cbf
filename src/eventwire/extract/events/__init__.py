"""extract/events stage."""
