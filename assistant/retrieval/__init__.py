"""From a question to ranked hits: dense and lexical search fused, filtered, one hit per provision."""
