"""Local stand-ins for the outside services the product talks to (real HTTP servers)."""
