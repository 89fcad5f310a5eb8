"""User narratives: passages that present the experience or voice of a person who uses services, and their stance
(co-opted by the institution, transformative, or neutral), always with checkable evidence."""
