"""De-identified rollups across all members, and the coordinators' view of them."""
