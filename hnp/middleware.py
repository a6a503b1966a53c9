from django.conf import settings


class StaffAreaCSPMiddleware:
    """Give the admin and the editor's views the looser CSP that CKEditor 4 needs.

    Listed after Django's ContentSecurityPolicyMiddleware so that it runs first on the way
    out and the CSP middleware then builds the header from the policy chosen here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.STAFF_AREA_PATH_PREFIXES):
            response._csp_config = settings.STAFF_AREA_CSP
        return response
