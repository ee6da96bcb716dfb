"""Evidence about how well risk instruments work, for the people who use them."""
