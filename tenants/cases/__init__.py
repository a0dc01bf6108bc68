"""Cases: stages and statuses, the one transition service, registration numbers."""
