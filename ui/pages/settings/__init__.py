"""The 设置 page: categories and rules, grids and workers, office options, user accounts."""
