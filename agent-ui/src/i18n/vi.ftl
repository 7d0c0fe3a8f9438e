# Chuỗi giao diện, tiếng Việt. Cùng mã thông điệp với en.ftl.

## Sản phẩm và từ dùng chung
app-name = Xác minh danh tính qua video
staff-area = Khu vực nhân viên
staff-title = Xác minh danh tính qua video — Khu vực nhân viên
language-label = Ngôn ngữ
loading = Đang tải…

## Trang đăng nhập
login-title = Đăng nhập
login-intro = Sử dụng tài khoản nhân viên và mã từ ứng dụng xác thực của bạn.
login-username = Tên đăng nhập
login-password = Mật khẩu
login-code = Mã xác thực
login-code-hint = Mã gồm 6 chữ số hiển thị trong ứng dụng xác thực của bạn.
login-recovery-code = Mã khôi phục
login-recovery-code-hint = Một trong các mã khôi phục bạn đã lưu khi thiết lập tài khoản, ví dụ abcd‑efgh‑ijkl.
login-use-recovery = Dùng mã khôi phục
login-use-totp = Dùng mã từ ứng dụng xác thực
login-submit = Đăng nhập
login-submitting = Đang đăng nhập…
login-missing-username = Vui lòng nhập tên đăng nhập.
login-missing-password = Vui lòng nhập mật khẩu.
login-missing-code = Vui lòng nhập mã 6 chữ số từ ứng dụng xác thực.
login-bad-code-format = Mã gồm 6 chữ số, ví dụ 123456.
login-missing-recovery = Vui lòng nhập một trong các mã khôi phục của bạn.
login-bad-recovery-format = Mã khôi phục có dạng abcd‑efgh‑ijkl.

## Lý do hiển thị trang đăng nhập
notice-session_expired = Phiên làm việc của bạn đã hết hạn. Vui lòng đăng nhập lại.
notice-unauthenticated = Bạn đã bị đăng xuất. Vui lòng đăng nhập lại.
notice-signed_out = Bạn đã đăng xuất.
notice-signed_out_everywhere = Bạn đã đăng xuất trên tất cả thiết bị.

## Lỗi từ máy chủ, theo mã
error-generic = Đã xảy ra lỗi. Vui lòng thử lại.
error-network_error = Không thể kết nối tới máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.
error-internal = Máy chủ gặp sự cố. Vui lòng thử lại sau giây lát.
error-invalid_credentials = Tên đăng nhập hoặc mật khẩu không đúng.
error-invalid_code = Mã không đúng. Vui lòng kiểm tra giờ trên điện thoại và nhập mã hiện tại.
error-code_already_used = Mã này đã được sử dụng. Vui lòng chờ mã tiếp theo trong ứng dụng xác thực, hoặc dùng một mã khôi phục chưa từng sử dụng.
error-account_locked = Tài khoản của bạn đã bị khóa do đăng nhập sai quá nhiều lần. Vui lòng thử lại sau hoặc liên hệ quản trị viên.
error-account_locked-retry = Tài khoản của bạn đã bị khóa do đăng nhập sai quá nhiều lần. Vui lòng thử lại sau { $minutes } phút, vào lúc { DATETIME($time, hour: "numeric", minute: "2-digit") }.
error-account_disabled = Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.
error-too_many_requests = Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại.
error-invalid_body = Không gửi được biểu mẫu. Vui lòng tải lại trang rồi thử lại.
error-unauthenticated = Vui lòng đăng nhập.
error-session_expired = Phiên làm việc của bạn đã hết hạn. Vui lòng đăng nhập lại.
error-reauth_required = Thao tác này yêu cầu bạn xác nhận danh tính.
error-forbidden = Tài khoản của bạn không được phép thực hiện thao tác này.

## Khung giao diện nhân viên
shell-skip = Chuyển đến nội dung chính
shell-nav-label = Điều hướng chính
nav-console = Bảng điều khiển
nav-review = Xét duyệt
nav-admin = Quản trị
shell-signed-in-as = Đang đăng nhập: { $name }
role-agent = Nhân viên xác minh
role-supervisor = Giám sát viên
role-admin = Quản trị viên
role-auditor = Kiểm toán viên
shell-sign-out = Đăng xuất
shell-sign-out-everywhere = Đăng xuất trên mọi thiết bị
shell-sign-out-everywhere-hint = Kết thúc các phiên đăng nhập của bạn trên mọi thiết bị, kể cả thiết bị này.

## Các khu vực (trang tạm cho đến khi hoàn thiện)
console-title = Bảng điều khiển nhân viên xác minh
console-placeholder = Hàng chờ, các cuộc gọi và kết quả kiểm tra của bạn sẽ hiển thị tại đây.
review-title = Xét duyệt
review-placeholder = Các cuộc gọi đã kết thúc đang chờ xét duyệt sẽ hiển thị tại đây.
admin-title = Quản trị tài khoản nhân viên
admin-placeholder = Tài khoản nhân viên và vai trò của họ sẽ được quản lý tại đây.
forbidden-title = Không có quyền truy cập
forbidden-body = Tài khoản của bạn không có quyền truy cập trang này.
not-found-title = Không tìm thấy trang
not-found-body = Địa chỉ này không khớp với trang nào.
no-roles-title = Chưa được phân vai trò
no-roles-body = Tài khoản của bạn chưa có vai trò nào. Vui lòng liên hệ quản trị viên để được phân vai trò.
back-home = Về trang bắt đầu của bạn

## Hộp thoại xác nhận danh tính trước thao tác nhạy cảm
reauth-title = Xác nhận danh tính
reauth-body = Nhập mã 6 chữ số hiện tại từ ứng dụng xác thực để tiếp tục.
reauth-code = Mã xác thực
reauth-confirm = Xác nhận
reauth-confirming = Đang kiểm tra…
reauth-cancel = Hủy
