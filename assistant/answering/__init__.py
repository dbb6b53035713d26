"""From hits to an answer: sentences chosen and cited, every citation verified, refusal when the texts are silent."""
