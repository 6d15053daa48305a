"""What the data means: the catalog, the regions, and the parameters a view is asked."""
