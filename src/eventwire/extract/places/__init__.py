"""extract/places stage."""
