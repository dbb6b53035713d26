"""One loader per format, each turning a file into a normalised `Document`; `loading` picks the loader."""
