"""The 本周走访 page: the week's roster, its table model and the results brought back."""
