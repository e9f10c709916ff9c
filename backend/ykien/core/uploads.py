"""Reading an uploaded file either as a raw body or as the ``file`` field of a multipart form."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from pydantic import BaseModel

from ykien.core.errors import Invalid


@dataclass(frozen=True)
class Upload:
    content: bytes
    filename: str
    content_type: str


async def read_upload(request: Request) -> Upload:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        async with request.form() as form:
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise Invalid(["body", "file"], "attach the file in the form field 'file'")
            return Upload(await upload.read(), upload.filename or "", upload.content_type or "")
    return Upload(await request.body(), "", content_type)


UploadDep = Annotated[Upload, Depends(read_upload)]


def import_body(row: type[BaseModel]) -> dict[str, object]:
    """The OpenAPI request body of an import: CSV text, a JSON list of ``row``s, or a file."""
    schema = row.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)  # its enumerations are in the components already
    return {
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "array", "items": schema}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
            },
        }
    }
