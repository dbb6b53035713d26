"""Legal structure: markers recognised in text, provisions, and the chunks cut from them."""
