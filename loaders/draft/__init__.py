"""Drafts from documents: a cited dataset drafted from an organisation's own Dutch text.

readers (text out of .txt/.md/.html/.pdf/.docx) -> sentences (spans with offsets) ->
extract (lexicon-driven mentions and verb patterns) -> names (one entity per thing named) ->
write (the dataset YAML, low-confidence facts commented out). diff compares a draft with a
dataset. Rules only: no network, no model, the same input always gives the same bytes.
"""
