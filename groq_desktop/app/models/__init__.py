"""The model browser: the table of Groq's models and the editor of a plan's limits."""
