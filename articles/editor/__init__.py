"""The one place that knows which rich-text editor the newsroom uses (CKEditor 4, through
django-ckeditor): the widget the admin shows for article bodies (``widgets``), and the picture
upload and gallery views it talks to (``views``, mounted at /ckeditor/ by ``urls``).

Models keep the body in a plain ``TextField`` and ``articles.sanitizer`` decides what of it is
stored, whatever the editor sends: swapping CKEditor 4 for another editor means changing this
package only.
"""
