<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CameraFeed</name>
    <message>
        <source>No camera found. Connect a camera and try again.</source>
        <translation>Không tìm thấy camera. Hãy kết nối camera rồi thử lại.</translation>
    </message>
    <message>
        <source>This program may not use the camera. Allow camera access for it in the system&apos;s privacy settings, then try again.</source>
        <translation>Chương trình chưa được phép dùng camera. Hãy cho phép chương trình truy cập camera trong phần cài đặt quyền riêng tư của hệ thống, rồi thử lại.</translation>
    </message>
    <message>
        <source>The camera could not be started; another program may be using it. Close that program and try again, or choose another camera. ({detail})</source>
        <translation>Không khởi động được camera; có thể một chương trình khác đang dùng camera. Hãy đóng chương trình đó rồi thử lại, hoặc chọn camera khác. ({detail})</translation>
    </message>
    <message>
        <source>The camera sends no picture; another program may be using it. Close that program and try again, or choose another camera.</source>
        <translation>Camera không truyền hình ảnh; có thể một chương trình khác đang dùng camera. Hãy đóng chương trình đó rồi thử lại, hoặc chọn camera khác.</translation>
    </message>
    <message>
        <source>The camera was disconnected. Connect it again or choose another camera.</source>
        <translation>Camera đã bị ngắt kết nối. Hãy kết nối lại hoặc chọn camera khác.</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>(no camera)</source>
        <translation>(không có camera)</translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation>Ca&amp;mera:</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Đang khởi động camera…</translation>
    </message>
</context>
<context>
    <name>CameraQrDialog</name>
    <message>
        <source>Read the citizen ID card with the camera</source>
        <translation>Đọc thẻ căn cước công dân bằng camera</translation>
    </message>
    <message>
        <source>Hold the card&apos;s QR code in front of the camera</source>
        <translation>Đưa mã QR trên thẻ vào trước camera</translation>
    </message>
    <message>
        <source>No camera found: use the scanner or type the number</source>
        <translation>Không tìm thấy camera: hãy dùng máy quét hoặc nhập số bằng tay</translation>
    </message>
    <message>
        <source>This card&apos;s QR code cannot be used: {reason}</source>
        <translation>Không dùng được mã QR trên thẻ này: {reason}</translation>
    </message>
    <message>
        <source>This QR code is not a citizen ID card&apos;s. Hold the QR code of the citizen&apos;s card in front of the camera.</source>
        <translation>Mã QR này không phải của thẻ căn cước công dân. Hãy đưa mã QR trên thẻ của công dân vào trước camera.</translation>
    </message>
    <message>
        <source>Read the card of {name}.</source>
        <translation>Đã đọc thẻ của {name}.</translation>
    </message>
</context>
<context>
    <name>CentralForms</name>
    <message>
        <source>{url} is not a web address. Type the address the administrator gave you, for example https://motcua.example.gov.vn.</source>
        <translation>{url} không phải là địa chỉ web. Hãy nhập địa chỉ do quản trị viên cung cấp, ví dụ https://motcua.example.gov.vn.</translation>
    </message>
    <message>
        <source>The address {url} is not encrypted (http://). The desk talks to the central system over https:// only, except on this computer itself. Type the https:// address the administrator gave you.</source>
        <translation>Địa chỉ {url} không được mã hóa (http://). Quầy chỉ kết nối với hệ thống trung tâm qua https://, trừ khi hệ thống chạy ngay trên máy này. Hãy nhập địa chỉ https:// do quản trị viên cung cấp.</translation>
    </message>
    <message>
        <source>The certificate authority file {path} cannot be read. Choose the file the province gave you again, or empty the field to trust this computer&apos;s own authorities.</source>
        <translation>Không đọc được tệp chứng chỉ gốc {path}. Hãy chọn lại tệp do tỉnh cung cấp, hoặc để trống ô này để dùng các chứng chỉ gốc tin cậy của máy.</translation>
    </message>
    <message>
        <source>The server at {url} answered, but its certificate could not be verified, so the desk refused the connection (TLS). Check the address; if the province gave you a certificate authority file, choose it.</source>
        <translation>Máy chủ tại {url} có phản hồi nhưng không xác minh được chứng chỉ của máy chủ, nên quầy đã từ chối kết nối (TLS). Hãy kiểm tra lại địa chỉ; nếu tỉnh có cung cấp tệp chứng chỉ gốc, hãy chọn tệp đó.</translation>
    </message>
    <message>
        <source>The server at {url} did not answer in time. Check the address and the network connection, then try again.</source>
        <translation>Máy chủ tại {url} không phản hồi kịp thời. Hãy kiểm tra địa chỉ và kết nối mạng, rồi thử lại.</translation>
    </message>
    <message>
        <source>The central system is busy. Try again in {seconds} seconds.</source>
        <translation>Hệ thống trung tâm đang bận. Hãy thử lại sau {seconds} giây.</translation>
    </message>
    <message>
        <source>The central system at {url} answered with a fault (HTTP {status}). Try again in a few minutes; if it goes on, tell the administrator.</source>
        <translation>Hệ thống trung tâm tại {url} báo lỗi (HTTP {status}). Hãy thử lại sau vài phút; nếu lỗi vẫn còn, hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>Nothing answers at {url}: the address is wrong, the network is down, or a firewall blocks the way. Check the address and the network connection, then try again.</source>
        <translation>Không có phản hồi từ {url}: địa chỉ sai, mạng bị mất, hoặc tường lửa đang chặn. Hãy kiểm tra địa chỉ và kết nối mạng, rồi thử lại.</translation>
    </message>
    <message>
        <source>The server at {url} answers, but it is not the central system of the one-stop desks. Check the address the administrator gave you.</source>
        <translation>Máy chủ tại {url} có phản hồi nhưng không phải là hệ thống trung tâm của Bộ phận Một cửa. Hãy kiểm tra lại địa chỉ do quản trị viên cung cấp.</translation>
    </message>
    <message>
        <source>The central system does not know desk {desk} with this key. Check the desk id and the key the administrator issued (every character counts, capitals too); the administrator can issue a new key.</source>
        <translation>Hệ thống trung tâm không nhận ra quầy {desk} với khóa này. Hãy kiểm tra mã quầy và khóa do quản trị viên cấp (phải đúng từng ký tự, kể cả chữ hoa); quản trị viên có thể cấp khóa mới.</translation>
    </message>
    <message>
        <source>Too many tries for now. Wait {seconds} seconds, then check again.</source>
        <translation>Đã thử quá nhiều lần. Hãy chờ {seconds} giây rồi xác minh lại.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {minutes} minutes behind the central system&apos;s. Receipts, deadlines and sign-ins use the time: ask the site&apos;s IT to set the clock right (automatic time).</source>
        <translation>Đồng hồ của máy này chậm {minutes} phút so với hệ thống trung tâm. Giấy tiếp nhận, thời hạn giải quyết và việc đăng nhập đều dựa vào thời gian: hãy nhờ bộ phận CNTT của đơn vị chỉnh lại đồng hồ (đặt giờ tự động).</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {minutes} minutes ahead of the central system&apos;s. Receipts, deadlines and sign-ins use the time: ask the site&apos;s IT to set the clock right (automatic time).</source>
        <translation>Đồng hồ của máy này nhanh {minutes} phút so với hệ thống trung tâm. Giấy tiếp nhận, thời hạn giải quyết và việc đăng nhập đều dựa vào thời gian: hãy nhờ bộ phận CNTT của đơn vị chỉnh lại đồng hồ (đặt giờ tự động).</translation>
    </message>
</context>
<context>
    <name>CentralPage</name>
    <message>
        <source>The central system</source>
        <translation>Hệ thống trung tâm</translation>
    </message>
    <message>
        <source>Type the address the administrator gave you and press Enter to test it; Enter again goes on.</source>
        <translation>Nhập địa chỉ do quản trị viên cung cấp rồi nhấn Enter để kiểm tra; nhấn Enter lần nữa để tiếp tục.</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <source>At the desk</source>
        <translation>Trực tiếp</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>Qua bưu chính</translation>
    </message>
    <message>
        <source>Channel {code}</source>
        <translation>Hình thức {code}</translation>
    </message>
</context>
<context>
    <name>CheckKind</name>
    <message>
        <source>Health certificate</source>
        <translation>Giấy khám sức khỏe</translation>
    </message>
    <message>
        <source>Traffic fines</source>
        <translation>Tiền phạt vi phạm giao thông</translation>
    </message>
</context>
<context>
    <name>CheckState</name>
    <message>
        <source>Waiting</source>
        <translation>Chờ kiểm tra</translation>
    </message>
    <message>
        <source>Checking now</source>
        <translation>Đang kiểm tra</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Cần lưu ý</translation>
    </message>
    <message>
        <source>Failed, will retry</source>
        <translation>Chưa kiểm tra được, sẽ thử lại</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Không kiểm tra được</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <source>Checks with other agencies</source>
        <translation>Kiểm tra với cơ quan khác</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>&amp;Thử lại ngay</translation>
    </message>
    <message>
        <source>Ask the selected check again at once (Enter or Ctrl+R).</source>
        <translation>Kiểm tra lại ngay mục đang chọn (Enter hoặc Ctrl+R).</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Đón&amp;g</translation>
    </message>
    <message>
        <source>Not passed: {count}</source>
        <translation>Chưa đạt: {count}</translation>
    </message>
    <message>
        <source>needing attention: {count}</source>
        <translation>cần lưu ý: {count}</translation>
    </message>
    <message>
        <source>failed: {count}</source>
        <translation>không kiểm tra được: {count}</translation>
    </message>
    <message>
        <source>showing the newest {count}</source>
        <translation>đang hiện {count} mục mới nhất</translation>
    </message>
    <message>
        <source>This check is being asked right now.</source>
        <translation>Việc kiểm tra này đang được thực hiện.</translation>
    </message>
    <message>
        <source>{check} of {who}: asked again now.</source>
        <translation>{check} của {who}: đã gửi kiểm tra lại.</translation>
    </message>
    <message>
        <source>The check could not be asked again</source>
        <translation>Chưa kiểm tra lại được</translation>
    </message>
</context>
<context>
    <name>ChecksTableModel</name>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Nội dung kiểm tra</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Số lần thử</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Lần thử tới</translation>
    </message>
    <message>
        <source>Finding or last problem</source>
        <translation>Kết quả hoặc lỗi gần nhất</translation>
    </message>
    <message>
        <source>Intake not saved yet</source>
        <translation>Hồ sơ chưa lưu</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Đang kiểm tra</translation>
    </message>
    <message>
        <source>Not by itself: use Retry now</source>
        <translation>Không tự thử lại: nhấn Thử lại ngay</translation>
    </message>
    <message>
        <source>Answered at {time}</source>
        <translation>Đã trả lời lúc {time}</translation>
    </message>
    <message>
        <source>In a moment</source>
        <translation>Trong giây lát</translation>
    </message>
    <message>
        <source>At {time}</source>
        <translation>Lúc {time}</translation>
    </message>
</context>
<context>
    <name>CitizenLookup</name>
    <message>
        <source>Looking up CCCD {cccd} in the population register… You can go on meanwhile.</source>
        <translation>Đang tra cứu CCCD {cccd} trong CSDL quốc gia về dân cư… Trong lúc chờ, có thể làm tiếp.</translation>
    </message>
    <message>
        <source>The population register has no citizen with CCCD {cccd}. Check the number against the card; you can go on with the details as they are.</source>
        <translation>CSDL quốc gia về dân cư không có công dân mang số CCCD {cccd}. Hãy đối chiếu lại số với thẻ; vẫn có thể làm tiếp với thông tin hiện có.</translation>
    </message>
    <message>
        <source>Found in the population register.</source>
        <translation>Đã tìm thấy trong CSDL quốc gia về dân cư.</translation>
    </message>
    <message>
        <source>Found in the population register at {time}.</source>
        <translation>Đã tìm thấy trong CSDL quốc gia về dân cư lúc {time}.</translation>
    </message>
    <message>
        <source>The desk is offline, so the population register cannot be asked now.</source>
        <translation>Máy đang mất kết nối nên chưa tra cứu được CSDL quốc gia về dân cư.</translation>
    </message>
    <message>
        <source>The population register did not answer in time.</source>
        <translation>CSDL quốc gia về dân cư không trả lời kịp.</translation>
    </message>
    <message>
        <source>The population register is not answering at the moment.</source>
        <translation>CSDL quốc gia về dân cư hiện không phản hồi.</translation>
    </message>
    <message>
        <source>The population register could not be asked while the desk renews its sign-in.</source>
        <translation>Chưa tra cứu được CSDL quốc gia về dân cư vì máy đang gia hạn phiên đăng nhập.</translation>
    </message>
    <message>
        <source>The central system refused the look-up ({reason}).</source>
        <translation>Hệ thống trung tâm từ chối yêu cầu tra cứu ({reason}).</translation>
    </message>
    <message>
        <source>The population register&apos;s answer could not be read.</source>
        <translation>Không đọc được kết quả trả về từ CSDL quốc gia về dân cư.</translation>
    </message>
    <message>
        <source>Shown below: the register&apos;s answer as looked up at {time}.</source>
        <translation>Thông tin dưới đây theo tra cứu lúc {time}.</translation>
    </message>
    <message>
        <source>Go on with the details from the card; you can ask again later.</source>
        <translation>Hãy làm tiếp với thông tin trên thẻ; có thể tra cứu lại sau.</translation>
    </message>
    <message>
        <source>Male (Nam)</source>
        <translation>Nam</translation>
    </message>
    <message>
        <source>Female (Nữ)</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <source>Name: only the accents differ from the form&apos;s “{typed}”.</source>
        <translation>Họ tên: chỉ khác dấu so với “{typed}” đang nhập.</translation>
    </message>
    <message>
        <source>Name: not the form&apos;s “{typed}”.</source>
        <translation>Họ tên: khác với “{typed}” đang nhập.</translation>
    </message>
    <message>
        <source>Date of birth: not the form&apos;s {typed}.</source>
        <translation>Ngày sinh: khác với {typed} đang nhập.</translation>
    </message>
    <message>
        <source>Sex: not the form&apos;s {typed}.</source>
        <translation>Giới tính: khác với {typed} đang nhập.</translation>
    </message>
    <message>
        <source>Address: not the form&apos;s “{typed}”. It may have changed since the card was issued: ask the citizen which is current.</source>
        <translation>Nơi thường trú: khác với “{typed}” đang nhập. Địa chỉ có thể đã thay đổi sau khi cấp thẻ: hỏi công dân địa chỉ nào là hiện tại.</translation>
    </message>
</context>
<context>
    <name>CitizenPage</name>
    <message>
        <source>(choose)</source>
        <translation>(chọn)</translation>
    </message>
    <message>
        <source>Male (Nam)</source>
        <translation>Nam</translation>
    </message>
    <message>
        <source>Female (Nữ)</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <source>Read from the card: {name}, CCCD {cccd}. Check the details below.</source>
        <translation>Đã đọc từ thẻ: {name}, CCCD {cccd}. Hãy kiểm tra lại thông tin bên dưới.</translation>
    </message>
    <message>
        <source>Another citizen&apos;s card</source>
        <translation>Thẻ của công dân khác</translation>
    </message>
    <message>
        <source>This dossier is for {current}. Replace them with {name} (CCCD {cccd}), whose card was just scanned?</source>
        <translation>Hồ sơ này đang được nhập cho {current}. Thay bằng {name} (CCCD {cccd}) theo thẻ vừa quét?</translation>
    </message>
    <message>
        <source>another citizen</source>
        <translation>một công dân khác</translation>
    </message>
    <message>
        <source>What was typed by hand on the other steps is kept: check it before saving.</source>
        <translation>Những gì đã nhập tay ở các bước khác được giữ nguyên: hãy kiểm tra lại trước khi lưu.</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Thay thế</translation>
    </message>
    <message>
        <source>&amp;Keep the current citizen</source>
        <translation>&amp;Giữ công dân hiện tại</translation>
    </message>
    <message>
        <source>Date of birth: write it as dd/mm/yyyy, e.g. 05/09/1980.</source>
        <translation>Ngày sinh: ghi theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 05/09/1980.</translation>
    </message>
    <message>
        <source>Date of birth: {value} is in the future.</source>
        <translation>Ngày sinh: {value} là ngày trong tương lai.</translation>
    </message>
    <message>
        <source>Old ID number (CMND): it has 9 digits; leave it empty if the citizen has none.</source>
        <translation>Số CMND cũ: gồm 9 chữ số; để trống nếu công dân không có.</translation>
    </message>
    <message>
        <source>The citizen is looked up in the population register once the CCCD number is complete.</source>
        <translation>Khi nhập đủ số CCCD, công dân sẽ được tra cứu trong CSDL quốc gia về dân cư.</translation>
    </message>
    <message>
        <source>The citizen&apos;s earlier dossiers at this desk are listed once the CCCD number is complete.</source>
        <translation>Khi nhập đủ số CCCD, các hồ sơ trước đây của công dân tại bàn này sẽ hiện ở đây.</translation>
    </message>
    <message>
        <source>Reading this desk&apos;s dossiers…</source>
        <translation>Đang đọc hồ sơ trên máy…</translation>
    </message>
    <message>
        <source>The population register gives another name, date of birth or sex (see &quot;Population register&quot;). Check the card with the citizen: correct the details, or tick &quot;I have checked&quot; to go on with them as they are.</source>
        <translation>CSDL quốc gia về dân cư ghi họ tên, ngày sinh hoặc giới tính khác (xem mục &quot;CSDL quốc gia về dân cư&quot;). Hãy đối chiếu thẻ với công dân: sửa lại thông tin, hoặc đánh dấu &quot;Tôi đã đối chiếu&quot; để làm tiếp với thông tin hiện có.</translation>
    </message>
    <message>
        <source>Previous dossiers at this desk: {count}, newest first</source>
        <translation>Hồ sơ trước đây tại bàn này: {count}, mới nhất trước</translation>
    </message>
    <message>
        <source>No earlier dossier of this citizen at this desk.</source>
        <translation>Công dân chưa có hồ sơ nào trước đây tại bàn này.</translation>
    </message>
    <message>
        <source>This desk&apos;s earlier dossiers could not be read ({reason}). You can go on.</source>
        <translation>Không đọc được các hồ sơ trước đây trên máy ({reason}). Vẫn có thể làm tiếp.</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <source>Scan the QR code on the citizen ID card, or type the details by hand.</source>
        <translation>Quét mã QR trên thẻ căn cước công dân, hoặc nhập thông tin bằng tay.</translation>
    </message>
    <message>
        <source>Scan the QR code or paste its text here, then press Enter</source>
        <translation>Quét mã QR hoặc dán nội dung mã vào đây, rồi nhấn Enter</translation>
    </message>
    <message>
        <source>Read the card&apos;s QR code with the desk camera (F8)</source>
        <translation>Đọc mã QR trên thẻ bằng camera của quầy (F8)</translation>
    </message>
    <message>
        <source>Ca&amp;mera… (F8)</source>
        <translation>C&amp;amera… (F8)</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <source>9 digits, if any</source>
        <translation>9 chữ số, nếu có</translation>
    </message>
    <message>
        <source>Date of &amp;birth:</source>
        <translation>Ngày &amp;sinh:</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>Sex:</source>
        <translation>Giới tính:</translation>
    </message>
    <message>
        <source>Permanent &amp;address:</source>
        <translation>Nơi thường t&amp;rú:</translation>
    </message>
    <message>
        <source>Citizen ID card (CCCD) &amp;QR code</source>
        <translation>Mã &amp;QR trên thẻ căn cước công dân (CCCD)</translation>
    </message>
    <message>
        <source>Fill from Q&amp;R</source>
        <translation>Đ&amp;iền từ mã QR</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <source>Citizen &amp;ID number (CCCD):</source>
        <translation>Số &amp;CCCD:</translation>
    </message>
    <message>
        <source>&amp;Old ID number (CMND):</source>
        <translation>Số C&amp;MND cũ:</translation>
    </message>
    <message>
        <source>&amp;Sex:</source>
        <translation>&amp;Giới tính:</translation>
    </message>
    <message>
        <source>Population register</source>
        <translation>CSDL quốc gia về dân cư</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Họ và tên:</translation>
    </message>
    <message>
        <source>Date of birth:</source>
        <translation>Ngày sinh:</translation>
    </message>
    <message>
        <source>Permanent address:</source>
        <translation>Nơi thường trú:</translation>
    </message>
    <message>
        <source>I have &amp;checked the differences with the card and the citizen</source>
        <translation>Tôi đã đối chiế&amp;u các điểm khác với thẻ và công dân</translation>
    </message>
    <message>
        <source>&amp;Use the register&apos;s address</source>
        <translation>Lấy địa chỉ theo CSDL &amp;dân cư</translation>
    </message>
    <message>
        <source>Fill &amp;empty fields from the register</source>
        <translation>Điề&amp;n các ô trống theo CSDL dân cư</translation>
    </message>
    <message>
        <source>Ask a&amp;gain</source>
        <translation>Tra cứu &amp;lại</translation>
    </message>
    <message>
        <source>Previous dossiers at this desk</source>
        <translation>Hồ sơ trước đây tại bàn này</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>&amp;Address of the central system</source>
        <translation>Đị&amp;a chỉ hệ thống trung tâm</translation>
    </message>
    <message>
        <source>Certificate a&amp;uthority file</source>
        <translation>Tệp chứng chỉ &amp;gốc (CA)</translation>
    </message>
    <message>
        <source>Optional: only when the province gave you a file (.pem) for its central system. Empty: this computer&apos;s own trusted authorities.</source>
        <translation>Không bắt buộc: chỉ dùng khi tỉnh cung cấp tệp (.pem) cho hệ thống trung tâm. Để trống: dùng các chứng chỉ gốc tin cậy của máy này.</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Chọn tệp…</translation>
    </message>
    <message>
        <source>&amp;Test the connection</source>
        <translation>&amp;Kiểm tra kết nối</translation>
    </message>
    <message>
        <source>The certificate authority file</source>
        <translation>Tệp chứng chỉ gốc</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Chứng chỉ (*.pem *.crt *.cer);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <source>Asking {url}…</source>
        <translation>Đang hỏi {url}…</translation>
    </message>
    <message>
        <source>Connected: the central system at {url} answers (version {version}).</source>
        <translation>Đã kết nối: hệ thống trung tâm tại {url} có phản hồi (phiên bản {version}).</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <source>At the counter</source>
        <translation>Trực tiếp</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>Qua bưu chính</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <source>Result on time</source>
        <translation>Có kết quả đúng hạn</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>Quá hạn hiện nay</translation>
    </message>
</context>
<context>
    <name>DashboardExport</name>
    <message>
        <source>Summary</source>
        <translation>Tổng hợp</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>Theo ngày</translation>
    </message>
    <message>
        <source>By procedure</source>
        <translation>Theo thủ tục</translation>
    </message>
    <message>
        <source>By officer</source>
        <translation>Theo cán bộ</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Đến hẹn hôm nay</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Phần</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Mục</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Điểm tiếp nhận</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>Figures as of</source>
        <translation>Số liệu tính đến</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>Trực tiếp</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>Qua bưu chính</translation>
    </message>
    <message>
        <source>Share online</source>
        <translation>Tỷ lệ trực tuyến</translation>
    </message>
    <message>
        <source>Share by post</source>
        <translation>Tỷ lệ qua bưu chính</translation>
    </message>
    <message>
        <source>With a result</source>
        <translation>Đã có kết quả</translation>
    </message>
    <message>
        <source>Result on time</source>
        <translation>Có kết quả đúng hạn</translation>
    </message>
    <message>
        <source>Result late</source>
        <translation>Có kết quả trễ hạn</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>Tỷ lệ đúng hạn</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>Đang giải quyết</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>Quá hạn hiện nay</translation>
    </message>
    <message>
        <source>Overdue rate</source>
        <translation>Tỷ lệ quá hạn</translation>
    </message>
    <message>
        <source>Overdue at the site, whenever received</source>
        <translation>Quá hạn tại điểm tiếp nhận, tiếp nhận vào bất kỳ ngày nào</translation>
    </message>
    <message>
        <source>Due today, still open</source>
        <translation>Đến hẹn hôm nay, chưa có kết quả</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Procedure code</source>
        <translation>Mã thủ tục</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>Thời gian tiếp nhận</translation>
    </message>
    <message>
        <source>Due at</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Working days late</source>
        <translation>Số ngày làm việc trễ</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>This month</source>
        <translation>Tháng này</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Tháng trước</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Năm nay</translation>
    </message>
    <message>
        <source>Custom period</source>
        <translation>Kỳ tự chọn</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Kỳ:</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>&amp;Từ ngày:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>Đến ngà&amp;y:</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Xuất &amp;CSV…</translation>
    </message>
    <message>
        <source>Export XLS&amp;X…</source>
        <translation>Xuất &amp;Excel (XLSX)…</translation>
    </message>
    <message>
        <source>Print &amp;ledger…</source>
        <translation>In &amp;sổ theo dõi…</translation>
    </message>
    <message>
        <source>The dossier ledger (sổ theo dõi hồ sơ) of the period, as this desk holds it</source>
        <translation>Sổ theo dõi hồ sơ của kỳ này, theo dữ liệu trên máy này</translation>
    </message>
    <message>
        <source>No figures yet.</source>
        <translation>Chưa có số liệu.</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <source>Share online</source>
        <translation>Tỷ lệ trực tuyến</translation>
    </message>
    <message>
        <source>Share by post</source>
        <translation>Tỷ lệ qua bưu chính</translation>
    </message>
    <message>
        <source>Results on time</source>
        <translation>Kết quả đúng hạn</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>Quá hạn hiện nay</translation>
    </message>
    <message>
        <source>Received per day, by channel</source>
        <translation>Hồ sơ tiếp nhận theo ngày, theo hình thức</translation>
    </message>
    <message>
        <source>Share of each channel</source>
        <translation>Tỷ lệ theo hình thức</translation>
    </message>
    <message>
        <source>By procedure</source>
        <translation>Theo thủ tục</translation>
    </message>
    <message>
        <source>By officer</source>
        <translation>Theo cán bộ</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Working days late</source>
        <translation>Số ngày làm việc trễ</translation>
    </message>
    <message>
        <source>D&amp;ue today</source>
        <translation>Đến hẹn hôm n&amp;ay</translation>
    </message>
    <message>
        <source>&amp;Overdue</source>
        <translation>&amp;Quá hạn</translation>
    </message>
    <message>
        <source>The period ends before it starts: change one of the dates.</source>
        <translation>Ngày kết thúc trước ngày bắt đầu: hãy sửa một trong hai ngày.</translation>
    </message>
    <message>
        <source>Choose a period of at most a year.</source>
        <translation>Hãy chọn kỳ dài tối đa một năm.</translation>
    </message>
    <message>
        <source>Reading the figures from the central system…</source>
        <translation>Đang đọc số liệu từ hệ thống trung tâm…</translation>
    </message>
    <message>
        <source>The central system cannot be reached.</source>
        <translation>Không liên lạc được với hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>No figures could be read. {reason} Try again with Refresh.</source>
        <translation>Không đọc được số liệu. {reason} Hãy thử lại bằng nút Cập nhật.</translation>
    </message>
    <message>
        <source>The figures could not be refreshed. {reason} The figures shown are the last ones received.</source>
        <translation>Không cập nhật được số liệu. {reason} Số liệu đang hiển thị là lần nhận gần nhất.</translation>
    </message>
    <message>
        <source>As of {moment}, for {first} – {last}</source>
        <translation>Tính đến {moment}, kỳ {first} – {last}</translation>
    </message>
    <message>
        <source>D&amp;ue today ({count})</source>
        <translation>Đến hẹn hôm n&amp;ay ({count})</translation>
    </message>
    <message>
        <source>&amp;Overdue ({count})</source>
        <translation>&amp;Quá hạn ({count})</translation>
    </message>
    <message>
        <source>the {shown} longest overdue listed</source>
        <translation>liệt kê {shown} hồ sơ quá hạn lâu nhất</translation>
    </message>
    <message>
        <source>at the counter {direct} · online {online} · by post {postal}</source>
        <translation>trực tiếp {direct} · trực tuyến {online} · qua bưu chính {postal}</translation>
    </message>
    <message>
        <source>{count} of {total} received</source>
        <translation>{count} trên {total} hồ sơ tiếp nhận</translation>
    </message>
    <message>
        <source>{on_time} of {with_result} results, {late} late</source>
        <translation>{on_time} trên {with_result} kết quả, {late} trễ hạn</translation>
    </message>
    <message>
        <source>{count} of {open} dossiers still open</source>
        <translation>{count} trên {open} hồ sơ đang giải quyết</translation>
    </message>
    <message>
        <source>Export the figures as CSV</source>
        <translation>Xuất số liệu ra tệp CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the figures as an Excel workbook</source>
        <translation>Xuất số liệu ra sổ tính Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Sổ tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>Không ghi được tệp: {reason}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Đã lưu vào {path}</translation>
    </message>
</context>
<context>
    <name>DeskCommand</name>
    <message>
        <source>Retry</source>
        <translation>Gửi lại</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ mục</translation>
    </message>
    <message>
        <source>Pending: the desk acts at its next sync</source>
        <translation>Đang chờ: máy sẽ thực hiện ở lần đồng bộ tới</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Đã thực hiện</translation>
    </message>
    <message>
        <source>Failed at the desk</source>
        <translation>Máy không thực hiện được</translation>
    </message>
    <message>
        <source>The desk has no such entry</source>
        <translation>Máy không có mục này</translation>
    </message>
</context>
<context>
    <name>DeskError</name>
    <message>
        <source>Calendar override kind &quot;{kind}&quot; is neither off nor work.</source>
        <translation>Loại ngày điều chỉnh “{kind}” trong lịch không phải ngày nghỉ cũng không phải ngày làm việc.</translation>
    </message>
    <message>
        <source>A processing time cannot be negative ({days} days).</source>
        <translation>Thời hạn giải quyết không thể là số âm ({days} ngày).</translation>
    </message>
    <message>
        <source>The calendar has no working day for a whole year after {day}.</source>
        <translation>Lịch làm việc không có ngày làm việc nào trong suốt một năm sau ngày {day}.</translation>
    </message>
    <message>
        <source>The catalogue is damaged: {where} has no &quot;{key}&quot;.</source>
        <translation>Danh mục thủ tục bị lỗi: {where} thiếu mục “{key}”.</translation>
    </message>
    <message>
        <source>The catalogue is damaged: {where} has a bad &quot;{key}&quot;.</source>
        <translation>Danh mục thủ tục bị lỗi: mục “{key}” của {where} không hợp lệ.</translation>
    </message>
    <message>
        <source>There is no procedure with code &quot;{code}&quot; in catalogue version {version}. Search the procedure by name, or send now to fetch the newest catalogue.</source>
        <translation>Không có thủ tục nào mang mã “{code}” trong danh mục phiên bản {version}. Hãy tìm thủ tục theo tên, hoặc nhấn Gửi ngay để tải danh mục mới nhất.</translation>
    </message>
    <message>
        <source>A dossier in status {old} cannot move to status {new}.</source>
        <translation>Hồ sơ đang ở trạng thái {old} không thể chuyển sang trạng thái {new}.</translation>
    </message>
    <message>
        <source>A dossier record is malformed ({problem}).</source>
        <translation>Bản ghi hồ sơ không đúng định dạng ({problem}).</translation>
    </message>
    <message>
        <source>The code block {first}–{last} does not fit {width} digits.</source>
        <translation>Dải số {first}–{last} vượt quá {width} chữ số.</translation>
    </message>
    <message>
        <source>&quot;{code}&quot; is not an agency code.</source>
        <translation>“{code}” không phải là mã cơ quan.</translation>
    </message>
    <message>
        <source>Sequence number {seq} does not fit {width} digits.</source>
        <translation>Số thứ tự {seq} vượt quá {width} chữ số.</translation>
    </message>
    <message>
        <source>&quot;{code}&quot; is not a dossier code.</source>
        <translation>“{code}” không phải là mã hồ sơ.</translation>
    </message>
    <message>
        <source>The sex on the card is &quot;{value}&quot;; expected Nam or Nữ.</source>
        <translation>Giới tính trên thẻ là “{value}”; phải là Nam hoặc Nữ.</translation>
    </message>
    <message>
        <source>The {what} on the card, &quot;{value}&quot;, is not a date in ddmmyyyy form.</source>
        <translation>{what} trên thẻ, “{value}”, không phải là ngày theo dạng ngàythángnăm (ddmmyyyy).</translation>
    </message>
    <message>
        <source>The {what} on the card, &quot;{value}&quot;, is not a real calendar date.</source>
        <translation>{what} trên thẻ, “{value}”, không phải là một ngày có thật.</translation>
    </message>
    <message>
        <source>A birth year of {year} cannot be encoded in a CCCD number.</source>
        <translation>Năm sinh {year} không thể mã hóa trong số CCCD.</translation>
    </message>
    <message>
        <source>The CCCD number must have exactly 12 digits; &quot;{value}&quot; does not.</source>
        <translation>Số CCCD phải có đúng 12 chữ số; “{value}” không đúng.</translation>
    </message>
    <message>
        <source>The CCCD number {number} does not match the card&apos;s sex ({sex}) and birth year ({year}): its 4th digit should be {expected}. Check the number or rescan the card.</source>
        <translation>Số CCCD {number} không khớp với giới tính ({sex}) và năm sinh ({year}) trên thẻ: chữ số thứ 4 phải là {expected}. Hãy kiểm tra lại số hoặc quét lại thẻ.</translation>
    </message>
    <message>
        <source>The CCCD number {number} does not match the birth year {year}: digits 5 and 6 should be {expected}. Check the number or rescan the card.</source>
        <translation>Số CCCD {number} không khớp với năm sinh {year}: chữ số thứ 5 và 6 phải là {expected}. Hãy kiểm tra lại số hoặc quét lại thẻ.</translation>
    </message>
    <message>
        <source>The scan is empty. Scan the QR code on the back of the card again.</source>
        <translation>Chưa đọc được gì. Hãy quét lại mã QR ở mặt sau thẻ.</translation>
    </message>
    <message>
        <source>This is not a citizen ID card QR code: it has {count} fields separated by &quot;|&quot;, expected 7. Scan the QR code on the card again, or type the citizen&apos;s details.</source>
        <translation>Đây không phải mã QR của thẻ căn cước công dân: mã có {count} trường ngăn cách bởi dấu “|”, trong khi phải có 7. Hãy quét lại mã QR trên thẻ hoặc nhập thông tin công dân bằng tay.</translation>
    </message>
    <message>
        <source>The old ID number (CMND) on the card, &quot;{value}&quot;, should have 9 digits.</source>
        <translation>Số CMND cũ trên thẻ, “{value}”, phải có 9 chữ số.</translation>
    </message>
    <message>
        <source>The card&apos;s QR code has no name in it. Type the citizen&apos;s name.</source>
        <translation>Mã QR trên thẻ không có họ tên. Hãy nhập họ tên công dân.</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>issue date</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <source>The date of birth {value} is in the future.</source>
        <translation>Ngày sinh {value} là ngày trong tương lai.</translation>
    </message>
    <message>
        <source>The card&apos;s issue date {value} is not between the birth date and today.</source>
        <translation>Ngày cấp thẻ {value} không nằm giữa ngày sinh và hôm nay.</translation>
    </message>
    <message>
        <source>Entry {n}: {problem}</source>
        <translation>Mục thứ {n}: {problem}</translation>
    </message>
    <message>
        <source>{label}: this field is required.</source>
        <translation>{label}: mục này bắt buộc phải điền.</translation>
    </message>
    <message>
        <source>{label}: at least {n} characters.</source>
        <translation>{label}: ít nhất {n} ký tự.</translation>
    </message>
    <message>
        <source>{label}: at most {n} characters.</source>
        <translation>{label}: nhiều nhất {n} ký tự.</translation>
    </message>
    <message>
        <source>{label}: write the date as dd/mm/yyyy, e.g. 05/09/1980.</source>
        <translation>{label}: ghi ngày theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 05/09/1980.</translation>
    </message>
    <message>
        <source>{label}: enter a number.</source>
        <translation>{label}: hãy nhập một số.</translation>
    </message>
    <message>
        <source>{label}: must be at least {n}.</source>
        <translation>{label}: phải từ {n} trở lên.</translation>
    </message>
    <message>
        <source>{label}: must be at most {n}.</source>
        <translation>{label}: không được lớn hơn {n}.</translation>
    </message>
    <message>
        <source>{label}: not a Vietnamese phone number (10 digits starting with 0, e.g. 0905 123 456).</source>
        <translation>{label}: không phải số điện thoại Việt Nam (10 chữ số bắt đầu bằng 0, ví dụ 0905 123 456).</translation>
    </message>
    <message>
        <source>{label}: not an e-mail address (name@example.vn).</source>
        <translation>{label}: không phải địa chỉ thư điện tử (ten@example.vn).</translation>
    </message>
    <message>
        <source>{label}: choose one of the listed options.</source>
        <translation>{label}: hãy chọn một trong các lựa chọn có sẵn.</translation>
    </message>
    <message>
        <source>{label}: &quot;{value}&quot; is not in the expected form.</source>
        <translation>{label}: “{value}” không đúng định dạng yêu cầu.</translation>
    </message>
    <message>
        <source>{label}: choose the province or city.</source>
        <translation>{label}: hãy chọn tỉnh/thành phố.</translation>
    </message>
    <message>
        <source>{label}: the province is not in the catalogue&apos;s list; choose it again.</source>
        <translation>{label}: tỉnh/thành phố không có trong danh mục; hãy chọn lại.</translation>
    </message>
    <message>
        <source>{label}: choose the ward or commune.</source>
        <translation>{label}: hãy chọn xã/phường.</translation>
    </message>
    <message>
        <source>{label}: {ward} is not in {province}; choose the ward again.</source>
        <translation>{label}: {ward} không thuộc {province}; hãy chọn lại xã/phường.</translation>
    </message>
    <message>
        <source>{label}: the house number and street may have at most {n} characters.</source>
        <translation>{label}: số nhà, tên đường chỉ được tối đa {n} ký tự.</translation>
    </message>
    <message>
        <source>{label}: add at least {n} entry(ies).</source>
        <translation>{label}: hãy thêm ít nhất {n} mục.</translation>
    </message>
    <message>
        <source>{label}: at most {n} entry(ies); remove the extra ones.</source>
        <translation>{label}: tối đa {n} mục; hãy xóa bớt các mục thừa.</translation>
    </message>
    <message>
        <source>The form template {name} cannot be read ({reason}). Reinstall the desk application or ask the administrator for the current template.</source>
        <translation>Không đọc được mẫu biểu {name} ({reason}). Hãy cài đặt lại chương trình hoặc đề nghị quản trị viên cung cấp mẫu hiện hành.</translation>
    </message>
    <message>
        <source>The form template {name} does not fit this version of the desk ({reason}). Ask the administrator for the template that matches this version.</source>
        <translation>Mẫu biểu {name} không phù hợp với phiên bản chương trình này ({reason}). Hãy đề nghị quản trị viên cung cấp mẫu đúng phiên bản.</translation>
    </message>
    <message>
        <source>The list of procedures has not been downloaded to this desk yet. Connect to the network and press Send now (F5), then try again.</source>
        <translation>Danh mục thủ tục chưa được tải về máy này. Hãy kết nối mạng, nhấn Gửi ngay (F5) rồi thử lại.</translation>
    </message>
    <message>
        <source>The receipt could not be saved as {name} ({reason}). Choose another folder.</source>
        <translation>Không lưu được giấy tiếp nhận thành {name} ({reason}). Hãy chọn thư mục khác.</translation>
    </message>
    <message>
        <source>The form could not be read for printing. Save it as PDF instead.</source>
        <translation>Không đọc được biểu mẫu để in. Hãy lưu thành PDF.</translation>
    </message>
    <message>
        <source>The receipt has no pages to print.</source>
        <translation>Giấy tiếp nhận không có trang nào để in.</translation>
    </message>
    <message>
        <source>The printer could not start the job. Check that it is on and has paper, then print again.</source>
        <translation>Máy in không bắt đầu in được. Hãy kiểm tra máy in đã bật và còn giấy, rồi in lại.</translation>
    </message>
    <message>
        <source>The printer stopped after page {page}. Print again.</source>
        <translation>Máy in dừng sau trang {page}. Hãy in lại.</translation>
    </message>
    <message>
        <source>Sending stopped because of an internal fault ({kind}). Everything is kept on this desk and sending will be tried again; if this repeats, tell your administrator.</source>
        <translation>Việc gửi bị dừng do lỗi bên trong chương trình ({kind}). Mọi dữ liệu vẫn được giữ trên máy này và sẽ được gửi lại; nếu lỗi lặp lại, hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The photo file is empty. Take the photo again or choose another file.</source>
        <translation>Tệp ảnh rỗng. Hãy chụp lại hoặc chọn tệp khác.</translation>
    </message>
    <message>
        <source>This file is not a picture the desk can read. Choose a JPEG or PNG photo.</source>
        <translation>Tệp này không phải ảnh mà chương trình đọc được. Hãy chọn ảnh JPEG hoặc PNG.</translation>
    </message>
    <message>
        <source>This photo file is damaged or incomplete (it may not have finished copying). Take the photo again or choose another file.</source>
        <translation>Tệp ảnh bị hỏng hoặc chưa đầy đủ (có thể chưa sao chép xong). Hãy chụp lại hoặc chọn tệp khác.</translation>
    </message>
    <message>
        <source>This picture is too large ({width} x {height} pixels) to be a portrait. Choose a photo of at most {megapixels} megapixels.</source>
        <translation>Ảnh quá lớn ({width} x {height} điểm ảnh) để làm ảnh chân dung. Hãy chọn ảnh tối đa {megapixels} megapixel.</translation>
    </message>
    <message>
        <source>This picture is too large to be a portrait. Choose a photo of at most {megapixels} megapixels.</source>
        <translation>Ảnh quá lớn để làm ảnh chân dung. Hãy chọn ảnh tối đa {megapixels} megapixel.</translation>
    </message>
    <message>
        <source>This photo is too small ({width} x {height} pixels) for this procedure, which needs at least {min_width} x {min_height}. Take the photo again closer to the camera or choose a larger photo.</source>
        <translation>Ảnh quá nhỏ ({width} x {height} điểm ảnh) so với yêu cầu của thủ tục này (ít nhất {min_width} x {min_height}). Hãy chụp lại gần máy ảnh hơn hoặc chọn ảnh lớn hơn.</translation>
    </message>
    <message>
        <source>The portrait cannot be made smaller than the {kilobytes} KB this procedure allows. Ask the administrator to check the procedure&apos;s photo settings.</source>
        <translation>Không thể nén ảnh chân dung xuống dưới {kilobytes} KB theo quy định của thủ tục. Hãy đề nghị quản trị viên kiểm tra thiết lập ảnh của thủ tục.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>ổ đĩa đã đầy</translation>
    </message>
    <message>
        <source>the disk only allows reading</source>
        <translation>ổ đĩa chỉ cho phép đọc</translation>
    </message>
    <message>
        <source>the disk reported a fault</source>
        <translation>ổ đĩa báo lỗi</translation>
    </message>
    <message>
        <source>the desk may not write to its folder</source>
        <translation>chương trình không có quyền ghi vào thư mục dữ liệu</translation>
    </message>
    <message>
        <source>another program is holding the desk&apos;s records</source>
        <translation>một chương trình khác đang giữ cơ sở dữ liệu của máy</translation>
    </message>
    <message>
        <source>The desk could not save to its disk ({reason}). Nothing was saved; what was saved before is safe. Free some space or call your administrator, then save again.</source>
        <translation>Máy không ghi được dữ liệu xuống ổ đĩa ({reason}). Lần này chưa có gì được lưu; những gì đã lưu trước đó vẫn an toàn. Hãy giải phóng bớt dung lượng hoặc báo quản trị viên, rồi lưu lại.</translation>
    </message>
    <message>
        <source>The desk could not read its disk: {reason}. Check the disk, then try again.</source>
        <translation>Máy không đọc được ổ đĩa: {reason}. Hãy kiểm tra ổ đĩa rồi thử lại.</translation>
    </message>
    <message>
        <source>The desk&apos;s records refused this change ({reason}). Nothing was saved; tell your administrator.</source>
        <translation>Cơ sở dữ liệu của máy từ chối thay đổi này ({reason}). Chưa có gì được lưu; hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The desk&apos;s records are already closed. Restart the application.</source>
        <translation>Cơ sở dữ liệu của máy đã đóng. Hãy khởi động lại chương trình.</translation>
    </message>
    <message>
        <source>The desk&apos;s records were written by a newer version of this application (schema {revision}). Install the newest version; the records were left untouched.</source>
        <translation>Cơ sở dữ liệu của máy được ghi bởi phiên bản chương trình mới hơn (lược đồ {revision}). Hãy cài phiên bản mới nhất; dữ liệu vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is not the SHA-256 name of a stored file.</source>
        <translation>“{name}” không phải tên SHA-256 của một tệp đã lưu.</translation>
    </message>
    <message>
        <source>The file {sha256} is not on this desk&apos;s disk. Take the document or photo again.</source>
        <translation>Tệp {sha256} không có trên ổ đĩa của máy này. Hãy chụp hoặc quét lại giấy tờ, ảnh.</translation>
    </message>
    <message>
        <source>The stored file {sha256} is damaged on disk (it now reads as {actual}). Take the document or photo again and check the disk.</source>
        <translation>Tệp đã lưu {sha256} bị hỏng trên ổ đĩa (nay đọc ra {actual}). Hãy chụp hoặc quét lại giấy tờ, ảnh và kiểm tra ổ đĩa.</translation>
    </message>
    <message>
        <source>The stored file {sha256} is damaged on disk. Take the document or photo again and check the disk.</source>
        <translation>Tệp đã lưu {sha256} bị hỏng trên ổ đĩa. Hãy chụp hoặc quét lại giấy tờ, ảnh và kiểm tra ổ đĩa.</translation>
    </message>
    <message>
        <source>The attachment &quot;{filename}&quot; ({sha256}) has no file. Take it again, then save.</source>
        <translation>Tệp đính kèm “{filename}” ({sha256}) không có dữ liệu. Hãy chụp hoặc quét lại rồi lưu.</translation>
    </message>
    <message>
        <source>A file handed to the store as {claimed} actually hashes to {actual}. Take it again, then save.</source>
        <translation>Tệp được đưa vào lưu với mã {claimed} nhưng thực tế có mã băm {actual}. Hãy chụp hoặc quét lại rồi lưu.</translation>
    </message>
    <message>
        <source>The attachment &quot;{filename}&quot; is declared as {declared} bytes but holds {actual}. Take it again, then save.</source>
        <translation>Tệp đính kèm “{filename}” được khai là {declared} byte nhưng thực tế có {actual} byte. Hãy chụp hoặc quét lại rồi lưu.</translation>
    </message>
    <message>
        <source>There is no dossier {client_id} on this desk. Send now to fetch the newest records.</source>
        <translation>Không có hồ sơ {client_id} trên máy này. Hãy nhấn Gửi ngay để tải dữ liệu mới nhất.</translation>
    </message>
    <message>
        <source>The code block {lease_id} overlaps block {other} already held by this desk; it was not used. Tell your administrator.</source>
        <translation>Dải mã {lease_id} trùng với dải {other} mà máy này đang giữ nên không được dùng. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The code block {lease_id} came back with different numbers than before; it was not used. Tell your administrator.</source>
        <translation>Dải mã {lease_id} được trả về với các số khác lần trước nên không được dùng. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>There is no outgoing item number {entry_id}.</source>
        <translation>Không có mục chờ gửi số {entry_id}.</translation>
    </message>
    <message>
        <source>Outgoing item {entry_id} is {old} and cannot become {new}.</source>
        <translation>Mục chờ gửi {entry_id} đang ở trạng thái {old}, không thể chuyển sang {new}.</translation>
    </message>
    <message>
        <source>Outgoing item {entry_id} is {state}, not held: only a held item can be discarded.</source>
        <translation>Mục gửi {entry_id} đang ở trạng thái {state}, không phải bị từ chối: chỉ bỏ được mục bị từ chối.</translation>
    </message>
    <message>
        <source>Some data of this desk cannot be decrypted ({where}): it is damaged or was sealed with another key. Tell the site&apos;s IT; the central system keeps every dossier already sent.</source>
        <translation>Một phần dữ liệu của quầy không giải mã được ({where}): dữ liệu bị hỏng hoặc được khóa bằng khóa khác. Hãy báo bộ phận CNTT của đơn vị; hệ thống trung tâm vẫn giữ mọi hồ sơ đã gửi.</translation>
    </message>
    <message>
        <source>The desk&apos;s records cannot be opened: the key this computer keeps for them in its keyring is not the one they were locked with (the keyring was reset, or the records were copied from another computer). Nothing was changed. Tell the site&apos;s IT.</source>
        <translation>Không mở được dữ liệu của quầy: khóa mà máy này giữ trong kho mật khẩu không phải khóa đã dùng để khóa dữ liệu (kho mật khẩu đã bị đặt lại, hoặc dữ liệu được sao chép từ máy khác). Chưa có gì bị thay đổi. Hãy báo bộ phận CNTT của đơn vị.</translation>
    </message>
    <message>
        <source>The central system cannot be reached. The dossier is saved on this desk and will be sent automatically.</source>
        <translation>Không kết nối được hệ thống trung tâm. Hồ sơ đã được lưu trên máy này và sẽ được gửi tự động.</translation>
    </message>
    <message>
        <source>The central system did not answer in time. The dossier is saved on this desk and will be sent automatically.</source>
        <translation>Hệ thống trung tâm không trả lời kịp thời. Hồ sơ đã được lưu trên máy này và sẽ được gửi tự động.</translation>
    </message>
    <message>
        <source>The central system reported an internal fault (HTTP {status}). The dossier is saved on this desk and will be sent again automatically.</source>
        <translation>Hệ thống trung tâm báo lỗi nội bộ (HTTP {status}). Hồ sơ đã được lưu trên máy này và sẽ được gửi lại tự động.</translation>
    </message>
    <message>
        <source>The central system is busy. The desk will try again in {seconds} seconds; nothing is lost.</source>
        <translation>Hệ thống trung tâm đang bận. Máy sẽ thử lại sau {seconds} giây; không có dữ liệu nào bị mất.</translation>
    </message>
    <message>
        <source>The central system sent an answer this desk cannot read ({problem}). Nothing was changed on this desk; it will try again later. If this keeps happening, tell the system administrator.</source>
        <translation>Hệ thống trung tâm gửi về câu trả lời mà máy này không đọc được ({problem}). Không có gì trên máy bị thay đổi; máy sẽ thử lại sau. Nếu tình trạng này kéo dài, hãy báo quản trị hệ thống.</translation>
    </message>
    <message>
        <source>The central system&apos;s certificate could not be verified, so nothing was sent to it. Work is kept on this desk; tell the administrator (the address or the certificate authority set for it may be wrong).</source>
        <translation>Không xác minh được chứng thư số của hệ thống trung tâm nên chưa gửi gì lên đó. Dữ liệu vẫn được giữ trên máy này; hãy báo quản trị viên (địa chỉ hoặc tổ chức cấp chứng thư đã đặt có thể bị sai).</translation>
    </message>
    <message>
        <source>The central system address &quot;{url}&quot; is not valid. Work is kept on this desk; ask the administrator to correct the address in the settings.</source>
        <translation>Địa chỉ hệ thống trung tâm “{url}” không hợp lệ. Dữ liệu vẫn được giữ trên máy này; hãy đề nghị quản trị viên sửa địa chỉ trong phần thiết lập.</translation>
    </message>
    <message>
        <source>The central system refused this request ({reason}). Nothing on this desk was lost; the item is set aside for a supervisor to review.</source>
        <translation>Hệ thống trung tâm từ chối yêu cầu này ({reason}). Không có dữ liệu nào trên máy bị mất; mục này được để riêng chờ lãnh đạo bộ phận xem xét.</translation>
    </message>
    <message>
        <source>The user name or password is not correct. Check them and sign in again.</source>
        <translation>Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra lại và đăng nhập lại.</translation>
    </message>
    <message>
        <source>The central system does not recognise this desk. Please ask the administrator to enrol it and enter the desk key they give you.</source>
        <translation>Hệ thống trung tâm chưa nhận diện máy tiếp nhận này. Hãy đề nghị quản trị viên đăng ký máy và nhập mã khóa máy được cấp.</translation>
    </message>
    <message>
        <source>Your session with the central system has ended. Sign in again; dossiers saved on this desk are kept and will be sent after you sign in.</source>
        <translation>Phiên làm việc với hệ thống trung tâm đã hết. Hãy đăng nhập lại; các hồ sơ đã lưu trên máy này vẫn được giữ và sẽ được gửi sau khi bạn đăng nhập.</translation>
    </message>
    <message>
        <source>This account is locked after too many wrong passwords. Try again after {until}, or ask the administrator to unlock it.</source>
        <translation>Tài khoản tạm bị khóa do nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau {until}, hoặc đề nghị quản trị viên mở khóa.</translation>
    </message>
    <message>
        <source>The central system received a damaged copy of attachment {short}. It was not counted as delivered and will be sent again automatically.</source>
        <translation>Hệ thống trung tâm nhận được bản bị hỏng của tệp đính kèm {short}. Tệp chưa được tính là đã gửi và sẽ được gửi lại tự động.</translation>
    </message>
    <message>
        <source>The central system did not confirm receiving {count} file(s) of this dossier (the portrait among them, if any). They are not counted as received and are being sent again automatically.</source>
        <translation>Hệ thống trung tâm chưa xác nhận đã nhận {count} tệp của hồ sơ này (kể cả ảnh chân dung, nếu có). Các tệp này chưa được tính là đã nhận và đang được tự động gửi lại.</translation>
    </message>
    <message>
        <source>Sending was stopped. Everything not yet sent is kept on this desk and will continue at the next sync.</source>
        <translation>Việc gửi đã dừng. Những gì chưa gửi vẫn được giữ trên máy này và sẽ tiếp tục ở lần đồng bộ sau.</translation>
    </message>
    <message>
        <source>A fee amount must be more than 0 đồng.</source>
        <translation>Số tiền phí, lệ phí phải lớn hơn 0 đồng.</translation>
    </message>
    <message>
        <source>A fee payment must list what it pays for.</source>
        <translation>Khoản thu phí, lệ phí phải ghi rõ thu cho những khoản nào.</translation>
    </message>
    <message>
        <source>The fee items add up to {items} đồng, not {amount} đồng.</source>
        <translation>Các khoản phí, lệ phí cộng lại là {items} đồng, không phải {amount} đồng.</translation>
    </message>
    <message>
        <source>Only a refund refers to an earlier payment.</source>
        <translation>Chỉ khoản hoàn trả mới được dẫn chiếu đến một khoản đã thu trước đó.</translation>
    </message>
    <message>
        <source>A refund must name the payment it gives back.</source>
        <translation>Khoản hoàn trả phải ghi rõ hoàn lại cho khoản đã thu nào.</translation>
    </message>
    <message>
        <source>A refund needs a reason.</source>
        <translation>Hoàn trả phí, lệ phí phải ghi lý do.</translation>
    </message>
    <message>
        <source>A fee record is malformed ({problem}).</source>
        <translation>Bản ghi thu phí, lệ phí bị sai định dạng ({problem}).</translation>
    </message>
    <message>
        <source>Write down the reason for moving the dossier to status {status}.</source>
        <translation>Hãy ghi lý do chuyển hồ sơ sang trạng thái {status}.</translation>
    </message>
    <message>
        <source>A fee taken with a dossier must be a payment for it.</source>
        <translation>Khoản thu kèm hồ sơ phải là khoản nộp cho chính hồ sơ đó.</translation>
    </message>
    <message>
        <source>A refund must name a payment of the same dossier.</source>
        <translation>Khoản hoàn trả phải dẫn chiếu đến một khoản đã thu của chính hồ sơ này.</translation>
    </message>
    <message>
        <source>Only {left} đồng of this payment is left to refund.</source>
        <translation>Khoản đã thu này chỉ còn {left} đồng có thể hoàn trả.</translation>
    </message>
    <message>
        <source>This check is no longer on the desk: its intake was cancelled or the citizen&apos;s number changed.</source>
        <translation>Việc kiểm tra này không còn trên máy: hồ sơ đã bị hủy tiếp nhận hoặc số CCCD của công dân đã thay đổi.</translation>
    </message>
    <message>
        <source>Health certificate {number} (class {licence_class}) valid until {valid_until}.</source>
        <translation>Giấy khám sức khỏe số {number} (hạng {licence_class}) còn giá trị đến {valid_until}.</translation>
    </message>
    <message>
        <source>No driver health certificate is on record for this citizen.</source>
        <translation>Chưa có giấy khám sức khỏe của người lái xe nào được ghi nhận cho công dân này.</translation>
    </message>
    <message>
        <source>The latest health certificate, {number}, expired on {valid_until}: a new health examination is needed.</source>
        <translation>Giấy khám sức khỏe gần nhất, số {number}, đã hết hạn ngày {valid_until}: công dân cần khám sức khỏe lại.</translation>
    </message>
    <message>
        <source>Health certificate {number} of {issued_on} finds the holder not fit to drive.</source>
        <translation>Giấy khám sức khỏe số {number} ngày {issued_on} kết luận người được khám không đủ điều kiện sức khỏe để lái xe.</translation>
    </message>
    <message>
        <source>Health certificate {number} is only valid from {issued_on} to {valid_until}, not today.</source>
        <translation>Giấy khám sức khỏe số {number} chỉ có giá trị từ {issued_on} đến {valid_until}, không có giá trị vào hôm nay.</translation>
    </message>
    <message>
        <source>No unpaid traffic fines.</source>
        <translation>Không có khoản tiền phạt vi phạm giao thông nào chưa nộp.</translation>
    </message>
    <message>
        <source>1 unpaid traffic violation, {total} đồng in fines.</source>
        <translation>1 vi phạm giao thông chưa nộp phạt, tiền phạt {total} đồng.</translation>
    </message>
    <message>
        <source>{count} unpaid traffic violations, {total} đồng in fines.</source>
        <translation>{count} vi phạm giao thông chưa nộp phạt, tổng tiền phạt {total} đồng.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is empty. Scan the document again or choose another file.</source>
        <translation>Tệp “{name}” rỗng. Hãy quét lại giấy tờ hoặc chọn tệp khác.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; could not be read. Check that the file is still there and try again.</source>
        <translation>Không đọc được tệp “{name}”. Hãy kiểm tra tệp vẫn còn ở đó rồi thử lại.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is not a PDF or a picture. Attach a PDF, JPEG, PNG, TIFF or WebP file.</source>
        <translation>Tệp “{name}” không phải tệp PDF hoặc ảnh. Hãy đính kèm tệp PDF, JPEG, PNG, TIFF hoặc WebP.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is a HEIC photo, which the desk does not read. Set the phone to save photos as JPEG (&quot;Most compatible&quot;), or send the photo again as JPEG.</source>
        <translation>Tệp “{name}” là ảnh HEIC, chương trình không đọc được. Hãy cài đặt điện thoại lưu ảnh dạng JPEG (“Tương thích nhất”), hoặc gửi lại ảnh dạng JPEG.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is damaged or incomplete (it may not have finished copying). Scan the document again or copy the file again.</source>
        <translation>Tệp “{name}” bị hỏng hoặc chưa đầy đủ (có thể chưa sao chép xong). Hãy quét lại giấy tờ hoặc sao chép lại tệp.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is {size} MB, more than the {limit} MB allowed for this document. Scan it again at a lower resolution (200 dpi is enough) or in black and white.</source>
        <translation>Tệp “{name}” có dung lượng {size} MB, vượt mức {limit} MB cho phép đối với giấy tờ này. Hãy quét lại với độ phân giải thấp hơn (200 dpi là đủ) hoặc quét đen trắng.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; cannot be brought under the {limit} MB allowed for this document and stay readable. Scan it again at a lower resolution, or split it into several files.</source>
        <translation>Không thể giảm tệp “{name}” xuống dưới mức {limit} MB cho phép đối với giấy tờ này mà vẫn đọc rõ. Hãy quét lại với độ phân giải thấp hơn, hoặc chia thành nhiều tệp.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is {size} MB, more than the {limit} MB the desk reads for one scan. Scan it again at a lower resolution.</source>
        <translation>Tệp “{name}” có dung lượng {size} MB, vượt mức {limit} MB mà chương trình đọc được cho một bản quét. Hãy quét lại với độ phân giải thấp hơn.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is too large a picture ({width} x {height} pixels). Scan it again at a lower resolution: at most {megapixels} megapixels.</source>
        <translation>Ảnh “{name}” quá lớn ({width} x {height} điểm ảnh). Hãy quét lại với độ phân giải thấp hơn: tối đa {megapixels} megapixel.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is too large a picture. Scan it again at a lower resolution: at most {megapixels} megapixels.</source>
        <translation>Ảnh “{name}” quá lớn. Hãy quét lại với độ phân giải thấp hơn: tối đa {megapixels} megapixel.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is {width} x {height} pixels, which is not the shape of a page. Scan the document again.</source>
        <translation>Ảnh “{name}” có kích thước {width} x {height} điểm ảnh, không phải khổ của một trang giấy. Hãy quét lại giấy tờ.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is protected by a password. Ask for a copy without a password, or print it and scan the paper.</source>
        <translation>Tệp “{name}” được bảo vệ bằng mật khẩu. Hãy đề nghị cung cấp bản không có mật khẩu, hoặc in ra rồi quét bản giấy.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is a PDF without any page. Scan the document again.</source>
        <translation>Tệp PDF “{name}” không có trang nào. Hãy quét lại giấy tờ.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; holds {frames} pages in one picture file. Scan them into one PDF, or save each page as a picture of its own.</source>
        <translation>Tệp ảnh “{name}” chứa {frames} trang. Hãy quét các trang thành một tệp PDF, hoặc lưu mỗi trang thành một tệp ảnh riêng.</translation>
    </message>
    <message>
        <source>The health certificate system</source>
        <translation>Hệ thống quản lý giấy khám sức khỏe</translation>
    </message>
    <message>
        <source>The traffic police&apos;s violation records</source>
        <translation>Cơ sở dữ liệu vi phạm giao thông của Cảnh sát giao thông</translation>
    </message>
    <message>
        <source>{system} reported a fault. The check is tried again automatically; the dossier can be saved meanwhile.</source>
        <translation>{system} báo lỗi. Việc kiểm tra sẽ được thử lại tự động; trong lúc chờ vẫn có thể lưu hồ sơ.</translation>
    </message>
    <message>
        <source>{system} did not answer in time. The check is tried again automatically; the dossier can be saved meanwhile.</source>
        <translation>{system} không trả lời kịp thời. Việc kiểm tra sẽ được thử lại tự động; trong lúc chờ vẫn có thể lưu hồ sơ.</translation>
    </message>
    <message>
        <source>{system} is not connected to the central system. The check is tried again automatically; meanwhile check the citizen&apos;s papers by hand.</source>
        <translation>{system} chưa được kết nối với hệ thống trung tâm. Việc kiểm tra sẽ được thử lại tự động; trong lúc chờ, hãy kiểm tra trực tiếp giấy tờ của công dân.</translation>
    </message>
    <message>
        <source>The central system cannot be reached. The check is tried again automatically when the desk is back online; the dossier can be saved meanwhile.</source>
        <translation>Không kết nối được hệ thống trung tâm. Việc kiểm tra sẽ được thử lại tự động khi máy có mạng trở lại; trong lúc chờ vẫn có thể lưu hồ sơ.</translation>
    </message>
    <message>
        <source>The central system did not answer in time. The check is tried again automatically; the dossier can be saved meanwhile.</source>
        <translation>Hệ thống trung tâm không trả lời kịp thời. Việc kiểm tra sẽ được thử lại tự động; trong lúc chờ vẫn có thể lưu hồ sơ.</translation>
    </message>
    <message>
        <source>The central system is busy. The check is tried again automatically; the dossier can be saved meanwhile.</source>
        <translation>Hệ thống trung tâm đang bận. Việc kiểm tra sẽ được thử lại tự động; trong lúc chờ vẫn có thể lưu hồ sơ.</translation>
    </message>
    <message>
        <source>The central system reported an internal fault (HTTP {status}). The check is tried again automatically; the dossier can be saved meanwhile.</source>
        <translation>Hệ thống trung tâm báo lỗi nội bộ (HTTP {status}). Việc kiểm tra sẽ được thử lại tự động; trong lúc chờ vẫn có thể lưu hồ sơ.</translation>
    </message>
    <message>
        <source>The central system sent an answer this desk cannot read ({problem}). The check is tried again automatically; if this keeps happening, tell the system administrator.</source>
        <translation>Hệ thống trung tâm gửi về câu trả lời mà máy này không đọc được ({problem}). Việc kiểm tra sẽ được thử lại tự động; nếu tình trạng này kéo dài, hãy báo quản trị hệ thống.</translation>
    </message>
    <message>
        <source>The desk&apos;s session with the central system has ended. The check is tried again once the session is renewed; if it keeps failing, sign in again.</source>
        <translation>Phiên làm việc của máy với hệ thống trung tâm đã hết. Việc kiểm tra sẽ được thử lại khi phiên được gia hạn; nếu vẫn không được, hãy đăng nhập lại.</translation>
    </message>
    <message>
        <source>The central system refused this check ({reason}). It is not tried again by itself: check the citizen&apos;s papers by hand, or ask the administrator and then press Retry now.</source>
        <translation>Hệ thống trung tâm từ chối yêu cầu kiểm tra này ({reason}). Máy sẽ không tự thử lại: hãy kiểm tra trực tiếp giấy tờ của công dân, hoặc báo quản trị viên rồi nhấn Thử lại ngay.</translation>
    </message>
    <message>
        <source>No answer after {tries} tries over about a day, so the desk stopped trying. Check the citizen&apos;s papers by hand, or press Retry now to start again.</source>
        <translation>Không có trả lời sau {tries} lần thử trong khoảng một ngày nên máy đã ngừng thử. Hãy kiểm tra trực tiếp giấy tờ của công dân, hoặc nhấn Thử lại ngay để thử lại từ đầu.</translation>
    </message>
    <message>
        <source>The check stopped on an internal fault ({kind}). It is tried again automatically; if this repeats, tell your administrator.</source>
        <translation>Việc kiểm tra bị dừng do lỗi bên trong chương trình ({kind}). Việc kiểm tra sẽ được thử lại tự động; nếu lỗi lặp lại, hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>Another agency&apos;s system ({upstream}) is not answering the central system just now ({reason}). Nothing was lost; the desk asks again later.</source>
        <translation>Hệ thống của cơ quan khác ({upstream}) hiện không trả lời hệ thống trung tâm ({reason}). Không có dữ liệu nào bị mất; máy sẽ kiểm tra lại sau.</translation>
    </message>
    <message>
        <source>This is not the QR code of a receipt: it holds no lookup address with a dossier code. Scan the QR code printed at the foot of the receipt.</source>
        <translation>Đây không phải mã QR của giấy tiếp nhận: mã không chứa địa chỉ tra cứu có mã hồ sơ. Hãy quét mã QR in ở cuối giấy tiếp nhận.</translation>
    </message>
    <message>
        <source>This receipt&apos;s QR code carries no seal, so it cannot be checked: it was printed before receipts were sealed, or by another system. Look the dossier up by its code instead.</source>
        <translation>Mã QR của giấy tiếp nhận này không có dấu xác thực nên không kiểm tra được: giấy được in trước khi có dấu xác thực, hoặc do hệ thống khác in. Hãy tra cứu hồ sơ theo mã hồ sơ.</translation>
    </message>
    <message>
        <source>This receipt&apos;s QR code is damaged or incomplete ({problem}). Scan it again; if it still fails, the receipt may have been altered.</source>
        <translation>Mã QR của giấy tiếp nhận này bị hỏng hoặc không đầy đủ ({problem}). Hãy quét lại; nếu vẫn lỗi, giấy có thể đã bị sửa.</translation>
    </message>
    <message>
        <source>This receipt was sealed by a newer version of the desk software (seal version {version}). Update this desk, then check it again.</source>
        <translation>Giấy tiếp nhận này được đóng dấu xác thực bằng phiên bản phần mềm mới hơn (phiên bản dấu {version}). Hãy cập nhật phần mềm rồi kiểm tra lại.</translation>
    </message>
    <message>
        <source>the text is far too long</source>
        <translation>nội dung quá dài</translation>
    </message>
    <message>
        <source>the text is not readable as an address</source>
        <translation>nội dung không đọc được thành địa chỉ</translation>
    </message>
    <message>
        <source>a part appears twice</source>
        <translation>có phần bị lặp lại</translation>
    </message>
    <message>
        <source>a signed part is missing</source>
        <translation>thiếu một phần đã ký</translation>
    </message>
    <message>
        <source>a signed part is empty, too long or holds control characters</source>
        <translation>một phần đã ký bị trống, quá dài hoặc chứa ký tự điều khiển</translation>
    </message>
    <message>
        <source>the received time is not readable</source>
        <translation>không đọc được thời gian tiếp nhận</translation>
    </message>
    <message>
        <source>the signature is not readable</source>
        <translation>không đọc được chữ ký số</translation>
    </message>
    <message>
        <source>No fee was paid for dossier {code} at this desk, so there is no fee receipt to print.</source>
        <translation>Hồ sơ {code} không nộp phí tại bàn này nên không có biên lai thu phí để in.</translation>
    </message>
    <message>
        <source>The central system address &quot;{url}&quot; is not encrypted (http://). Only https:// addresses are used, except for this computer itself. Ask the administrator for the https:// address.</source>
        <translation>Địa chỉ hệ thống trung tâm &quot;{url}&quot; không được mã hóa (http://). Chỉ dùng địa chỉ https://, trừ khi máy chủ ở ngay trên máy này. Hãy hỏi quản trị viên địa chỉ https://.</translation>
    </message>
    <message>
        <source>The central system address &quot;{url}&quot; is not a web address. Ask the administrator for the https:// address.</source>
        <translation>Địa chỉ hệ thống trung tâm &quot;{url}&quot; không phải là địa chỉ web. Hãy hỏi quản trị viên địa chỉ https://.</translation>
    </message>
    <message>
        <source>The certificate authority file set for the central system ({path}) cannot be read, so the desk cannot check whom it talks to. Ask the administrator to correct it in the settings.</source>
        <translation>Không đọc được tệp tổ chức cấp chứng thư đã đặt cho hệ thống trung tâm ({path}), nên máy không kiểm tra được mình đang kết nối với ai. Hãy nhờ quản trị viên sửa trong phần cài đặt.</translation>
    </message>
    <message>
        <source>The central system cannot be reached, and {username} has never signed in online on this desk, so the desk cannot check the password. Sign in when the central system can be reached again.</source>
        <translation>Không kết nối được hệ thống trung tâm, và {username} chưa từng đăng nhập trực tuyến trên quầy này nên quầy không kiểm tra được mật khẩu. Hãy đăng nhập khi kết nối lại được hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>This desk holds no password check for {username}, so it cannot be unlocked here. Sign out, then sign in again; work kept on this desk is not lost.</source>
        <translation>Quầy này không có dữ liệu kiểm tra mật khẩu của {username} nên không mở khóa được tại đây. Hãy đăng xuất rồi đăng nhập lại; công việc đã lưu trên quầy không bị mất.</translation>
    </message>
    <message>
        <source>The password is not correct. After {left} more wrong password(s), signing in on this desk without the central system and unlocking it are locked for {minutes} minutes.</source>
        <translation>Mật khẩu không đúng. Nếu nhập sai thêm {left} lần, việc đăng nhập không qua hệ thống trung tâm và mở khóa quầy sẽ bị khóa trong {minutes} phút.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: signing in on this desk without the central system, and unlocking it, are locked until {until}. Wait until then, or sign in online when the central system can be reached.</source>
        <translation>Nhập sai mật khẩu quá nhiều lần: việc đăng nhập không qua hệ thống trung tâm và mở khóa quầy bị khóa đến {until}. Hãy chờ đến lúc đó, hoặc đăng nhập trực tuyến khi kết nối được hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>You last signed in online on this desk on {date}, more than {days} day(s) ago, so you can no longer sign in without the central system. Sign in online when the central system can be reached again.</source>
        <translation>Lần cuối bạn đăng nhập trực tuyến trên quầy này là ngày {date}, đã quá {days} ngày, nên không thể đăng nhập khi không có hệ thống trung tâm nữa. Hãy đăng nhập trực tuyến khi kết nối lại được hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock shows a time before your last sign-in on it ({date}), so signing in without the central system is refused. Ask the administrator to correct the clock, or sign in online.</source>
        <translation>Đồng hồ của máy đang chỉ thời điểm trước lần đăng nhập gần nhất của bạn trên máy này ({date}), nên không cho đăng nhập khi không có hệ thống trung tâm. Hãy nhờ quản trị viên chỉnh lại đồng hồ, hoặc đăng nhập trực tuyến.</translation>
    </message>
    <message>
        <source>Signing in without the central system is turned off on this desk. Sign in when the central system can be reached again.</source>
        <translation>Quầy này không cho phép đăng nhập khi không có hệ thống trung tâm. Hãy đăng nhập khi kết nối lại được hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>This computer has no working password keyring, so the desk cannot protect citizens&apos; data on its disk. Ask the site&apos;s IT to install or unlock the keyring (Windows Credential Manager, or the Secret Service on Linux), then start the desk again.</source>
        <translation>Máy này không có kho mật khẩu hoạt động được, nên quầy không thể bảo vệ dữ liệu của công dân trên ổ đĩa. Hãy nhờ bộ phận CNTT của đơn vị cài đặt hoặc mở khóa kho mật khẩu (Windows Credential Manager, hoặc Secret Service trên Linux), rồi mở lại ứng dụng.</translation>
    </message>
    <message>
        <source>The desk could not read its data key from the keyring ({reason}). Unlock the keyring and start the desk again; nothing was changed.</source>
        <translation>Quầy không đọc được khóa dữ liệu từ kho mật khẩu ({reason}). Hãy mở khóa kho mật khẩu rồi mở lại ứng dụng; chưa có gì bị thay đổi.</translation>
    </message>
    <message>
        <source>This computer&apos;s keyring holds no key for these records, so nothing sealed with their key can be opened here (the key was removed, or the records came from another computer). Nothing was changed.</source>
        <translation>Kho mật khẩu của máy này không giữ khóa của dữ liệu này, nên không mở được những gì đã mã hóa bằng khóa đó (khóa đã bị xóa, hoặc dữ liệu được chép từ máy khác). Chưa có gì bị thay đổi.</translation>
    </message>
    <message>
        <source>This computer keeps no desk key for desk {desk}. Enter the key the administrator issued for it.</source>
        <translation>Máy này chưa lưu khóa nào cho quầy {desk}. Hãy nhập khóa do quản trị viên cấp cho quầy này.</translation>
    </message>
    <message>
        <source>The central system has desk {desk} at site {enrolled} ({site_name}), not at {typed}. Check the site code; if this desk really serves {typed}, ask the administrator to enrol it there.</source>
        <translation>Theo hệ thống trung tâm, quầy {desk} thuộc đơn vị {enrolled} ({site_name}), không phải {typed}. Hãy kiểm tra lại mã đơn vị; nếu quầy này đúng là phục vụ {typed}, hãy đề nghị quản trị viên đăng ký quầy cho đơn vị đó.</translation>
    </message>
    <message>
        <source>The password keyring of this computer refused the desk key, so nothing was kept. Unlock the keyring (or ask the site&apos;s IT), then press Finish again.</source>
        <translation>Kho mật khẩu của máy này không nhận khóa của quầy, nên chưa có gì được lưu. Hãy mở khóa kho mật khẩu (hoặc nhờ bộ phận CNTT của đơn vị), rồi nhấn Hoàn tất lần nữa.</translation>
    </message>
    <message>
        <source>The password keyring of this computer refused the desk key, so nothing was kept. Unlock the keyring (or ask the site&apos;s IT), then press Save again.</source>
        <translation>Kho mật khẩu của máy này không nhận khóa của quầy, nên chưa có gì được lưu. Hãy mở khóa kho mật khẩu (hoặc nhờ bộ phận CNTT của đơn vị), rồi nhấn Lưu lần nữa.</translation>
    </message>
    <message>
        <source>The downloaded file is not the desk version {version} the central system published (its SHA-256 checksum differs), so it was deleted. Try again later; if it happens again, tell the administrator.</source>
        <translation>Tệp vừa tải về không đúng phiên bản {version} mà hệ thống trung tâm đã công bố (mã kiểm tra SHA-256 không khớp) nên đã bị xóa. Vui lòng thử lại sau; nếu vẫn gặp lỗi này, hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The downloaded file has {received} bytes, but desk version {version} has {expected}, so it was deleted. Try again later; if it happens again, tell the administrator.</source>
        <translation>Tệp vừa tải về có {received} byte, trong khi phiên bản {version} có {expected} byte, nên tệp đã bị xóa. Vui lòng thử lại sau; nếu vẫn gặp lỗi này, hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The download server could not be reached, so nothing was saved. Check the network and try again later.</source>
        <translation>Không kết nối được máy chủ tải về nên chưa lưu được gì. Hãy kiểm tra mạng rồi thử lại sau.</translation>
    </message>
    <message>
        <source>The download server refused the file (HTTP {status}), so nothing was saved. Try again later; if it happens again, tell the administrator.</source>
        <translation>Máy chủ tải về từ chối cung cấp tệp (HTTP {status}) nên chưa lưu được gì. Vui lòng thử lại sau; nếu vẫn gặp lỗi này, hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The download address &quot;{url}&quot; is not a safe web address (only https:// is used), so nothing was downloaded. Tell the administrator.</source>
        <translation>Địa chỉ tải về &quot;{url}&quot; không phải là địa chỉ web an toàn (chỉ dùng địa chỉ https://) nên chưa tải về gì. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The file could not be saved in the folder {folder} ({reason}). Check that the folder exists and the disk has free space, then try again.</source>
        <translation>Không lưu được tệp vào thư mục {folder} ({reason}). Hãy kiểm tra thư mục có tồn tại và ổ đĩa còn chỗ trống, rồi thử lại.</translation>
    </message>
    <message>
        <source>The download was stopped. Nothing was kept.</source>
        <translation>Đã dừng tải về. Không giữ lại tệp nào.</translation>
    </message>
</context>
<context>
    <name>DevicesForm</name>
    <message>
        <source>&amp;Printer</source>
        <translation>&amp;Máy in</translation>
    </message>
    <message>
        <source>Pape&amp;r</source>
        <translation>&amp;Khổ giấy</translation>
    </message>
    <message>
        <source>Camera for the &amp;card</source>
        <translation>Camera đọc &amp;CCCD</translation>
    </message>
    <message>
        <source>Camera for the pa&amp;ges</source>
        <translation>Camera chụp &amp;giấy tờ</translation>
    </message>
    <message>
        <source>Camera for the p&amp;ortrait</source>
        <translation>Camera chụp ảnh chân &amp;dung</translation>
    </message>
    <message>
        <source>The print dialog and the camera windows still offer every printer and camera; what is chosen here comes first.</source>
        <translation>Hộp thoại in và cửa sổ camera vẫn cho chọn mọi máy in và camera; lựa chọn ở đây được ưu tiên hiện trước.</translation>
    </message>
    <message>
        <source>The system&apos;s default printer ({name})</source>
        <translation>Máy in mặc định của hệ thống ({name})</translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>Máy in mặc định của hệ thống</translation>
    </message>
    <message>
        <source>No printer on this computer (forms can be saved as PDF)</source>
        <translation>Máy này chưa có máy in (có thể lưu biểu mẫu thành tệp PDF)</translation>
    </message>
    <message>
        <source>{name} (not connected now)</source>
        <translation>{name} (hiện chưa kết nối)</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation>Cuộn giấy in nhiệt 80 mm</translation>
    </message>
    <message>
        <source>The same as the card&apos;s</source>
        <translation>Dùng chung camera đọc CCCD</translation>
    </message>
    <message>
        <source>The system&apos;s default camera ({name})</source>
        <translation>Camera mặc định của hệ thống ({name})</translation>
    </message>
    <message>
        <source>No camera on this computer (the desk uses one plugged in later)</source>
        <translation>Máy này chưa có camera (quầy sẽ dùng camera được cắm vào sau)</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Printer and cameras</source>
        <translation>Máy in và camera</translation>
    </message>
    <message>
        <source>What this computer has is listed; the defaults suit most desks.</source>
        <translation>Danh sách dưới đây là các thiết bị máy này đang có; lựa chọn mặc định phù hợp với hầu hết các quầy.</translation>
    </message>
</context>
<context>
    <name>DiagnosticsExport</name>
    <message>
        <source>Export &amp;diagnostics…</source>
        <translation>&amp;Xuất thông tin chẩn đoán…</translation>
    </message>
    <message>
        <source>Save the desk&apos;s logs, versions and settings in a file for the site&apos;s IT (no citizen&apos;s data)</source>
        <translation>Lưu nhật ký, phiên bản và cấu hình của chương trình vào một tệp để gửi bộ phận công nghệ thông tin của đơn vị (không chứa dữ liệu của công dân)</translation>
    </message>
    <message>
        <source>Export diagnostics</source>
        <translation>Xuất thông tin chẩn đoán</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Tệp nén Zip (*.zip)</translation>
    </message>
    <message>
        <source>Gathering the diagnostics…</source>
        <translation>Đang thu thập thông tin chẩn đoán…</translation>
    </message>
    <message>
        <source>Diagnostics exported</source>
        <translation>Đã xuất thông tin chẩn đoán</translation>
    </message>
    <message>
        <source>The diagnostics are saved in:
{path}</source>
        <translation>Thông tin chẩn đoán đã được lưu tại:
{path}</translation>
    </message>
    <message>
        <source>The file holds the desk&apos;s logs, its versions, its settings and counts of its records, for the site&apos;s IT. It holds no citizen&apos;s data, no password and no key.</source>
        <translation>Tệp gồm nhật ký, phiên bản, cấu hình của chương trình và số liệu thống kê hồ sơ lưu trên máy, dành cho bộ phận công nghệ thông tin của đơn vị. Tệp không chứa dữ liệu của công dân, không chứa mật khẩu hay khóa bảo mật nào.</translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation>&amp;Mở thư mục</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <source>The diagnostics could not be saved: {reason}. Choose another folder and try again.</source>
        <translation>Không lưu được thông tin chẩn đoán: {reason}. Hãy chọn thư mục khác rồi thử lại.</translation>
    </message>
    <message>
        <source>Diagnostics not exported</source>
        <translation>Chưa xuất được thông tin chẩn đoán</translation>
    </message>
</context>
<context>
    <name>DialogReceiptPrinter</name>
    <message>
        <source>Print the form</source>
        <translation>In biểu mẫu</translation>
    </message>
    <message>
        <source>PDF file {name}</source>
        <translation>Tệp PDF {name}</translation>
    </message>
</context>
<context>
    <name>DiscardReasonDialog</name>
    <message>
        <source>Discard with reason</source>
        <translation>Bỏ mục, có ghi lý do</translation>
    </message>
    <message>
        <source>Discarding gives up {entry} for good. Write why: the reason is kept in the audit log.</source>
        <translation>Bỏ mục là thôi hẳn việc gửi {entry}. Hãy ghi lý do: lý do được lưu trong nhật ký.</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation>&amp;Tiếp tục…</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Document</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <source>Originals</source>
        <translation>Bản chính</translation>
    </message>
    <message>
        <source>Certified copies</source>
        <translation>Bản sao chứng thực</translation>
    </message>
    <message>
        <source>Photocopies</source>
        <translation>Bản photo</translation>
    </message>
    <message>
        <source>(if any)</source>
        <translation>(nếu có)</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is ticked but no original or copy is counted.</source>
        <translation>Đã đánh dấu “{name}” nhưng chưa ghi số bản chính hoặc bản sao.</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <source>Write the postal address the result should be sent to.</source>
        <translation>Hãy ghi địa chỉ nhận kết quả qua bưu điện.</translation>
    </message>
    <message>
        <source>Documents and delivery</source>
        <translation>Giấy tờ và hình thức nhận kết quả</translation>
    </message>
    <message>
        <source>Tick the documents received and check how many originals and copies were handed in.</source>
        <translation>Đánh dấu các giấy tờ đã nhận và kiểm tra số bản chính, bản sao công dân đã nộp.</translation>
    </message>
    <message>
        <source>Documents &amp;taken (Space ticks a document, a digit changes a count):</source>
        <translation>Giấy tờ đã nhậ&amp;n (phím cách để đánh dấu, gõ số để sửa số lượng):</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Liên hệ</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Điện t&amp;hoại:</translation>
    </message>
    <message>
        <source>e.g. 0905123456</source>
        <translation>ví dụ 0905123456</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>Thư đ&amp;iện tử:</translation>
    </message>
    <message>
        <source>Number of &amp;sets:</source>
        <translation>&amp;Số bộ hồ sơ:</translation>
    </message>
    <message>
        <source>Result delivery</source>
        <translation>Nhận kết quả</translation>
    </message>
    <message>
        <source>Collect at the &amp;desk</source>
        <translation>Nhận tại bộ phận &amp;một cửa</translation>
    </message>
    <message>
        <source>Send by p&amp;ost to:</source>
        <translation>Gửi qua &amp;bưu điện đến:</translation>
    </message>
    <message>
        <source>Postal address</source>
        <translation>Địa chỉ nhận qua bưu điện</translation>
    </message>
</context>
<context>
    <name>DossierStatus</name>
    <message>
        <source>New</source>
        <translation>Mới đăng ký</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Được tiếp nhận</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Không được tiếp nhận</translation>
    </message>
    <message>
        <source>Being processed</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Supplement requested</source>
        <translation>Yêu cầu bổ sung giấy tờ</translation>
    </message>
    <message>
        <source>Payment requested</source>
        <translation>Yêu cầu thực hiện nghĩa vụ tài chính</translation>
    </message>
    <message>
        <source>Withdrawn by the citizen</source>
        <translation>Công dân yêu cầu rút hồ sơ</translation>
    </message>
    <message>
        <source>Processing stopped</source>
        <translation>Dừng xử lý</translation>
    </message>
    <message>
        <source>Result ready</source>
        <translation>Đã xử lý xong</translation>
    </message>
    <message>
        <source>Result handed over</source>
        <translation>Đã trả kết quả</translation>
    </message>
    <message>
        <source>Unknown status {code}</source>
        <translation>Trạng thái không xác định ({code})</translation>
    </message>
</context>
<context>
    <name>DraftTableModel</name>
    <message>
        <source>Citizen</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Sửa lần cuối</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>(chưa có họ tên)</translation>
    </message>
    <message>
        <source>(not chosen yet)</source>
        <translation>(chưa chọn)</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Tạm gác</translation>
    </message>
    <message>
        <source>Interrupted: the desk closed before it was saved</source>
        <translation>Bị gián đoạn: chương trình đã đóng trước khi lưu</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <source>Unfinished dossiers</source>
        <translation>Hồ sơ chưa hoàn tất</translation>
    </message>
    <message>
        <source>&amp;Resume (Enter)</source>
        <translation>&amp;Tiếp tục nhập (Enter)</translation>
    </message>
    <message>
        <source>&amp;Discard… (Del)</source>
        <translation>&amp;Xóa bỏ… (Del)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <source>No unfinished dossier: every intake was saved or discarded.</source>
        <translation>Không có hồ sơ chưa hoàn tất: mọi hồ sơ đã được lưu hoặc đã xóa bỏ.</translation>
    </message>
    <message>
        <source>Discard the unfinished dossier</source>
        <translation>Xóa bỏ hồ sơ chưa hoàn tất</translation>
    </message>
    <message>
        <source>Discard the unfinished dossier of {name}? What was typed is deleted from this desk and cannot be brought back.</source>
        <translation>Xóa bỏ hồ sơ chưa hoàn tất của {name}? Những gì đã nhập sẽ bị xóa khỏi máy này và không thể khôi phục.</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>(chưa có họ tên)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Xóa bỏ</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Giữ lại</translation>
    </message>
    <message>
        <source>The draft could not be discarded: {reason}</source>
        <translation>Chưa xóa bỏ được hồ sơ đang nhập: {reason}</translation>
    </message>
</context>
<context>
    <name>EnrolmentForm</name>
    <message>
        <source>&amp;Desk id</source>
        <translation>Mã q&amp;uầy</translation>
    </message>
    <message>
        <source>S&amp;ite code</source>
        <translation>Mã đơn &amp;vị</translation>
    </message>
    <message>
        <source>Desk &amp;key</source>
        <translation>K&amp;hóa của quầy</translation>
    </message>
    <message>
        <source>as the administrator issued it</source>
        <translation>đúng như quản trị viên đã cấp</translation>
    </message>
    <message>
        <source>empty: keep the key this computer keeps</source>
        <translation>để trống: giữ khóa máy đang lưu</translation>
    </message>
    <message>
        <source>&amp;Check with the central system</source>
        <translation>&amp;Xác minh với hệ thống trung tâm</translation>
    </message>
    <message>
        <source>This computer has no working password keyring, so the desk key cannot be kept safely and this desk cannot be set up. Ask the site&apos;s IT to install or unlock the keyring (Windows Credential Manager, or the Secret Service on Linux), then set the desk up again.</source>
        <translation>Máy này không có kho mật khẩu hoạt động được, nên không thể lưu khóa của quầy một cách an toàn và chưa thể thiết lập quầy. Hãy nhờ bộ phận CNTT của đơn vị cài đặt hoặc mở khóa kho mật khẩu (Windows Credential Manager, hoặc Secret Service trên Linux), rồi thiết lập lại quầy.</translation>
    </message>
    <message>
        <source>Type the desk id the administrator enrolled this desk with (letters, digits, dot, dash or underscore, for example DESK-NT-01).</source>
        <translation>Hãy nhập mã quầy mà quản trị viên đã đăng ký (gồm chữ, số, dấu chấm, gạch ngang hoặc gạch dưới, ví dụ DESK-NT-01).</translation>
    </message>
    <message>
        <source>Type the site code: groups of digits and capital letters with dots, at most {count} characters, for example 000.00.17.H56.</source>
        <translation>Hãy nhập mã đơn vị: các nhóm chữ số và chữ in hoa cách nhau bằng dấu chấm, tối đa {count} ký tự, ví dụ 000.00.17.H56.</translation>
    </message>
    <message>
        <source>Type the desk key the administrator issued for this desk.</source>
        <translation>Hãy nhập khóa do quản trị viên cấp cho quầy này.</translation>
    </message>
    <message>
        <source>Checking the desk with the central system…</source>
        <translation>Đang xác minh quầy với hệ thống trung tâm…</translation>
    </message>
    <message>
        <source>Desk {desk} is enrolled at {site} ({code}).</source>
        <translation>Quầy {desk} đã được đăng ký tại {site} ({code}).</translation>
    </message>
</context>
<context>
    <name>EnrolmentPage</name>
    <message>
        <source>This desk</source>
        <translation>Quầy này</translation>
    </message>
    <message>
        <source>The administrator enrolled this desk and gave you its id, the site code and a desk key. Type them and press Enter: the central system checks them.</source>
        <translation>Quản trị viên đã đăng ký quầy này và cung cấp mã quầy, mã đơn vị và khóa của quầy. Hãy nhập các thông tin đó rồi nhấn Enter để hệ thống trung tâm xác minh.</translation>
    </message>
</context>
<context>
    <name>ErrorDisplay</name>
    <message>
        <source>Something unexpected went wrong ({kind}). Nothing shown as saved was lost. Try again; if it happens again, tell your administrator and mention the time.</source>
        <translation>Đã xảy ra lỗi ngoài dự kiến ({kind}). Những gì đã báo là lưu thì không bị mất. Hãy thử lại; nếu lỗi lặp lại, hãy báo quản trị viên kèm thời điểm xảy ra.</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>Không thể tiếp tục</translation>
    </message>
</context>
<context>
    <name>FeesPage</name>
    <message>
        <source>Fee item</source>
        <translation>Khoản thu</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <source>Total: {amount}</source>
        <translation>Tổng cộng: {amount}</translation>
    </message>
    <message>
        <source>This procedure has no fee.</source>
        <translation>Thủ tục này không thu phí, lệ phí.</translation>
    </message>
    <message>
        <source>No payment is recorded now; the fee is collected later and recorded then.</source>
        <translation>Chưa ghi nhận khoản nộp nào; lệ phí sẽ được thu và ghi nhận sau.</translation>
    </message>
    <message>
        <source>Write the number of the fee receipt (or of the transfer).</source>
        <translation>Hãy ghi số biên lai thu phí (hoặc mã giao dịch chuyển khoản).</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Lệ phí</translation>
    </message>
    <message>
        <source>Collect the fees of the procedure and write down the receipt number.</source>
        <translation>Thu phí, lệ phí của thủ tục và ghi lại số biên lai.</translation>
    </message>
    <message>
        <source>The citizen &amp;pays now</source>
        <translation>Công dân &amp;nộp ngay</translation>
    </message>
    <message>
        <source>Payment &amp;method</source>
        <translation>&amp;Hình thức nộp</translation>
    </message>
    <message>
        <source>&amp;Receipt or transaction number</source>
        <translation>Số &amp;biên lai hoặc mã giao dịch</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>This procedure has no form of its own: the citizen&apos;s details are enough.</source>
        <translation>Thủ tục này không có tờ khai riêng: thông tin của công dân là đủ.</translation>
    </message>
    <message>
        <source>{count} field(s) need attention: see the messages in red.</source>
        <translation>Có {count} mục cần sửa: xem các thông báo màu đỏ.</translation>
    </message>
    <message>
        <source>Application form</source>
        <translation>Tờ khai</translation>
    </message>
    <message>
        <source>Fill in the form of the chosen procedure. Fields marked * are required.</source>
        <translation>Điền tờ khai của thủ tục đã chọn. Các mục có dấu * là bắt buộc.</translation>
    </message>
    <message>
        <source>from the licence register</source>
        <translation>theo CSDL giấy phép lái xe</translation>
    </message>
    <message>
        <source>Filled in from the national driving licence register. Check it against the citizen&apos;s licence.</source>
        <translation>Điền từ cơ sở dữ liệu giấy phép lái xe quốc gia. Hãy đối chiếu với giấy phép lái xe của công dân.</translation>
    </message>
    <message>
        <source>from the ID card</source>
        <translation>theo thẻ CCCD</translation>
    </message>
    <message>
        <source>Filled in from the citizen&apos;s ID card (CCCD). Check it with the citizen.</source>
        <translation>Điền từ thẻ căn cước (CCCD) của công dân. Hãy kiểm tra lại với công dân.</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>Province or city</source>
        <translation>Tỉnh/thành phố</translation>
    </message>
    <message>
        <source>Ward, commune or special zone</source>
        <translation>Xã, phường hoặc đặc khu</translation>
    </message>
    <message>
        <source>House number and street, or hamlet</source>
        <translation>Số nhà và đường, hoặc thôn/ấp</translation>
    </message>
    <message>
        <source>{label}: province or city</source>
        <translation>{label}: tỉnh/thành phố</translation>
    </message>
    <message>
        <source>{label}: ward, commune or special zone</source>
        <translation>{label}: xã, phường hoặc đặc khu</translation>
    </message>
    <message>
        <source>{label}: house number and street</source>
        <translation>{label}: số nhà và đường</translation>
    </message>
    <message>
        <source>On the forms: {line}</source>
        <translation>Trên biểu mẫu: {line}</translation>
    </message>
    <message>
        <source>{label}: &quot;{text}&quot; is not a province or city of the list; pick one from the list.</source>
        <translation>{label}: &quot;{text}&quot; không phải tỉnh/thành phố trong danh sách; hãy chọn trong danh sách.</translation>
    </message>
    <message>
        <source>{label}: &quot;{text}&quot; is not a ward or commune of the chosen province; pick one from the list.</source>
        <translation>{label}: &quot;{text}&quot; không phải xã/phường của tỉnh đã chọn; hãy chọn trong danh sách.</translation>
    </message>
    <message>
        <source>&amp;Add entry</source>
        <translation>Thêm &amp;mục</translation>
    </message>
    <message>
        <source>Add an entry to {label}</source>
        <translation>Thêm một mục vào {label}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Remove entry {n}</source>
        <translation>Xóa mục {n}</translation>
    </message>
    <message>
        <source>entry {n}</source>
        <translation>mục {n}</translation>
    </message>
    <message>
        <source>{count} of at most {most}</source>
        <translation>{count} trên tối đa {most}</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <source>Receive a dossier</source>
        <translation>Tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Tiếp &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <source>&amp;Save and print receipt</source>
        <translation>&amp;Lưu và in giấy tiếp nhận</translation>
    </message>
    <message>
        <source>Par&amp;k for later</source>
        <translation>Tạm gác (&amp;K)</translation>
    </message>
    <message>
        <source>Keep this dossier as it is and serve the next citizen (Esc). Resume it from Unfinished dossiers (F7).</source>
        <translation>Giữ nguyên hồ sơ này để tiếp công dân kế tiếp (Esc). Tiếp tục nhập từ mục Hồ sơ chưa hoàn tất (F7).</translation>
    </message>
    <message>
        <source>{title} — draft kept at {time}</source>
        <translation>{title} — đã lưu tạm lúc {time}</translation>
    </message>
    <message>
        <source>{title} — the draft could not be kept</source>
        <translation>{title} — chưa lưu tạm được hồ sơ đang nhập</translation>
    </message>
    <message>
        <source>This dossier could not be parked; it stays open</source>
        <translation>Chưa tạm gác được hồ sơ này; hồ sơ vẫn đang mở</translation>
    </message>
    <message>
        <source>What is typed here could not be kept as a draft</source>
        <translation>Chưa lưu tạm được những gì đã nhập</translation>
    </message>
    <message>
        <source>&amp;Save and print the supplement request</source>
        <translation>&amp;Lưu và in phiếu yêu cầu bổ sung</translation>
    </message>
    <message>
        <source>&amp;Save and print the refusal</source>
        <translation>&amp;Lưu và in phiếu từ chối</translation>
    </message>
    <message>
        <source>Saving the dossier…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <source>The dossier was not saved: {reason} Press Save again when the problem is solved.</source>
        <translation>Hồ sơ chưa được lưu: {reason} Khi đã khắc phục, hãy nhấn Lưu lại.</translation>
    </message>
    <message>
        <source>Saved with code {code}. Preparing the refusal…</source>
        <translation>Đã lưu với mã {code}. Đang lập phiếu từ chối tiếp nhận…</translation>
    </message>
    <message>
        <source>Saved with code {code}. Preparing the supplement request…</source>
        <translation>Đã lưu với mã {code}. Đang lập phiếu yêu cầu bổ sung…</translation>
    </message>
    <message>
        <source>Saved with code {code}. Preparing the receipt…</source>
        <translation>Đã lưu với mã {code}. Đang lập giấy tiếp nhận…</translation>
    </message>
</context>
<context>
    <name>LedgerDialog</name>
    <message>
        <source>Dossier ledger</source>
        <translation>Sổ theo dõi hồ sơ</translation>
    </message>
    <message>
        <source>The ledger (sổ theo dõi hồ sơ) lists every dossier received on these days, with its dates and how the result is returned.</source>
        <translation>Sổ theo dõi hồ sơ liệt kê mọi hồ sơ tiếp nhận trong những ngày này, kèm các mốc thời gian và hình thức trả kết quả.</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>Từ &amp;ngày:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>Đến ngà&amp;y:</translation>
    </message>
    <message>
        <source>To&amp;day</source>
        <translation>&amp;Hôm nay</translation>
    </message>
    <message>
        <source>This &amp;week</source>
        <translation>&amp;Tuần này</translation>
    </message>
    <message>
        <source>This &amp;month</source>
        <translation>&amp;Cả tháng này</translation>
    </message>
    <message>
        <source>&amp;Preview and print…</source>
        <translation>&amp;Xem và in…</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <source>The period ends before it starts: change one of the dates.</source>
        <translation>Ngày kết thúc trước ngày bắt đầu: hãy sửa một trong hai ngày.</translation>
    </message>
    <message>
        <source>Print at most a year at a time.</source>
        <translation>Mỗi lần in tối đa một năm.</translation>
    </message>
    <message>
        <source>Preparing the ledger…</source>
        <translation>Đang chuẩn bị sổ theo dõi…</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>One-stop desk: locked</source>
        <translation>Quầy Một cửa: đã khóa</translation>
    </message>
    <message>
        <source>This desk is locked</source>
        <translation>Quầy đang khóa</translation>
    </message>
    <message>
        <source>Signed in: {officer}</source>
        <translation>Người đăng nhập: {officer}</translation>
    </message>
    <message>
        <source>Work in progress is kept while the desk is locked. Only this officer can unlock it; anyone else signs out, and nothing is lost.</source>
        <translation>Công việc đang làm được giữ nguyên trong lúc khóa. Chỉ cán bộ này mới mở khóa được; người khác thì đăng xuất, và không có gì bị mất.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mật &amp;khẩu:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Mở khóa</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Đang kiểm tra mật khẩu…</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <source>One-stop desk: sign in</source>
        <translation>Bộ phận Một cửa: đăng nhập</translation>
    </message>
    <message>
        <source>This computer has no password keyring, so your sign-in is kept for this session only: you will sign in again after closing the application.</source>
        <translation>Máy tính này không có kho lưu mật khẩu, nên phiên đăng nhập chỉ được giữ trong phiên làm việc này: sau khi đóng chương trình, bạn sẽ phải đăng nhập lại.</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>không kết nối được</translation>
    </message>
    <message>
        <source>starting the demo server…</source>
        <translation>đang khởi động máy chủ trình diễn…</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>chưa được thiết lập</translation>
    </message>
    <message>
        <source>(demo server on this computer)</source>
        <translation>(máy chủ trình diễn trên máy này)</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <source>The central system at {url} cannot be reached. Check the network connection and try again; signing in needs the central system.</source>
        <translation>Không kết nối được hệ thống trung tâm tại {url}. Hãy kiểm tra kết nối mạng rồi thử lại; muốn đăng nhập cần có kết nối tới hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>One-stop desk</source>
        <translation>Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>Demo mode: a demonstration server with invented data runs on this computer.</source>
        <translation>Chế độ trình diễn: máy chủ trình diễn với dữ liệu giả lập đang chạy trên máy tính này.</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Receiving and returning results of administrative procedures</source>
        <translation>Tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Máy chủ:</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>Đăng &amp;nhập</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>One-stop desk: {site}</source>
        <translation>Bộ phận Một cửa: {site}</translation>
    </message>
    <message>
        <source>{name} ({username}) · desk {desk}</source>
        <translation>{name} ({username}) · quầy {desk}</translation>
    </message>
    <message>
        <source>&amp;Refund a fee…</source>
        <translation>Hoàn &amp;phí…</translation>
    </message>
    <message>
        <source>&amp;Unfinished dossiers…</source>
        <translation>Hồ sơ &amp;chưa hoàn tất…</translation>
    </message>
    <message>
        <source>&amp;Large text</source>
        <translation>Chữ &amp;lớn</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Hiển &amp;thị</translation>
    </message>
    <message>
        <source>Supervisor &amp;workspace…</source>
        <translation>Khu làm việc &amp;giám sát…</translation>
    </message>
    <message>
        <source>T&amp;ools</source>
        <translation>&amp;Công cụ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;About the desk</source>
        <translation>&amp;Giới thiệu về phần mềm</translation>
    </message>
    <message>
        <source>&amp;Checks with other agencies…</source>
        <translation>&amp;Kiểm tra với cơ quan khác…</translation>
    </message>
    <message>
        <source>Chec&amp;k a receipt…</source>
        <translation>Kiểm tra giấy tiếp &amp;nhận…</translation>
    </message>
    <message>
        <source>Re&amp;print the form…</source>
        <translation>&amp;In lại biểu mẫu…</translation>
    </message>
    <message>
        <source>Print the form of the selected dossier again, with the reason (Ctrl+Shift+P)</source>
        <translation>In lại biểu mẫu của hồ sơ đang chọn, kèm lý do (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Print the &amp;fee receipt…</source>
        <translation>In &amp;biên lai thu phí…</translation>
    </message>
    <message>
        <source>Dossier le&amp;dger…</source>
        <translation>&amp;Sổ theo dõi hồ sơ…</translation>
    </message>
    <message>
        <source>About the desk</source>
        <translation>Giới thiệu về phần mềm</translation>
    </message>
    <message>
        <source>&lt;b&gt;One-stop desk&lt;/b&gt; {version}&lt;br&gt;Desk {desk} · {server}&lt;br&gt;Qt {qt}</source>
        <translation>&lt;b&gt;Phần mềm tiếp nhận Một cửa&lt;/b&gt; {version}&lt;br&gt;Quầy {desk} · {server}&lt;br&gt;Qt {qt}</translation>
    </message>
    <message>
        <source>demo mode</source>
        <translation>chế độ dùng thử</translation>
    </message>
    <message>
        <source>The desk was closed before these dossiers were saved. Everything typed was kept: resume them (Enter) or discard them (Del).</source>
        <translation>Chương trình đã bị đóng trước khi các hồ sơ này được lưu. Mọi nội dung đã nhập vẫn được giữ: hãy tiếp tục nhập (Enter) hoặc xóa bỏ (Del).</translation>
    </message>
    <message>
        <source>The dossier of {name} is parked. Resume it from Unfinished dossiers (F7).</source>
        <translation>Đã tạm gác hồ sơ của {name}. Tiếp tục nhập từ mục Hồ sơ chưa hoàn tất (F7).</translation>
    </message>
    <message>
        <source>the citizen</source>
        <translation>công dân</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Đăng nhập lại</translation>
    </message>
    <message>
        <source>Sent {count} item(s) to the central system.</source>
        <translation>Đã gửi {count} mục lên hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Đang gửi…</translation>
    </message>
    <message>
        <source>Select the dossier whose fee is refunded first.</source>
        <translation>Hãy chọn hồ sơ cần hoàn phí trước.</translation>
    </message>
    <message>
        <source>Dossier {code} has no payment recorded at this desk that could be refunded.</source>
        <translation>Hồ sơ {code} không có khoản nộp nào ghi nhận tại quầy này để hoàn.</translation>
    </message>
    <message>
        <source>Refund of {amount} for dossier {code} recorded.</source>
        <translation>Đã ghi nhận hoàn {amount} cho hồ sơ {code}.</translation>
    </message>
    <message>
        <source>Hand over the result</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <source>Hand over the result of dossier {code} to {citizen}?</source>
        <translation>Trả kết quả hồ sơ {code} cho công dân {citizen}?</translation>
    </message>
    <message>
        <source>Check the citizen&apos;s ID card and the receipt first. The hand-over is recorded at once and sent to the central system.</source>
        <translation>Hãy kiểm tra thẻ căn cước và giấy tiếp nhận của công dân trước. Việc trả kết quả được ghi nhận ngay trên máy và gửi lên hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>&amp;Hand over</source>
        <translation>&amp;Trả kết quả</translation>
    </message>
    <message>
        <source>Recording the hand-over…</source>
        <translation>Đang ghi nhận việc trả kết quả…</translation>
    </message>
    <message>
        <source>Result of dossier {code} handed over to {citizen}.</source>
        <translation>Đã trả kết quả hồ sơ {code} cho công dân {citizen}.</translation>
    </message>
    <message>
        <source>The result could not be handed over</source>
        <translation>Chưa trả được kết quả</translation>
    </message>
    <message>
        <source>Opening the procedure list…</source>
        <translation>Đang mở danh mục thủ tục…</translation>
    </message>
    <message>
        <source>Dossier {code} saved with a provisional code: this desk had no final code left offline. The central system gives the final code when the desk is back online; it then shows in this list, and the receipt tells the citizen how to look it up.</source>
        <translation>Đã lưu hồ sơ {code} với mã tạm: máy không còn mã chính thức nào khi mất mạng. Hệ thống trung tâm sẽ cấp mã chính thức khi có mạng trở lại; mã đó hiện trong danh sách này, và phiếu tiếp nhận hướng dẫn công dân cách tra cứu.</translation>
    </message>
    <message>
        <source>Dossier {code} saved.</source>
        <translation>Đã lưu hồ sơ {code}.</translation>
    </message>
    <message>
        <source>Select the dossier whose form is printed again first.</source>
        <translation>Hãy chọn hồ sơ cần in lại biểu mẫu trước.</translation>
    </message>
    <message>
        <source>The form of dossier {code} could not be prepared again</source>
        <translation>Không chuẩn bị lại được biểu mẫu của hồ sơ {code}</translation>
    </message>
    <message>
        <source>Preparing the form of dossier {code} again…</source>
        <translation>Đang chuẩn bị lại biểu mẫu của hồ sơ {code}…</translation>
    </message>
    <message>
        <source>Select the dossier whose fee receipt is printed first.</source>
        <translation>Hãy chọn hồ sơ cần in biên lai thu phí trước.</translation>
    </message>
    <message>
        <source>The fee receipt of dossier {code} cannot be printed</source>
        <translation>Không in được biên lai thu phí của hồ sơ {code}</translation>
    </message>
    <message>
        <source>The fee receipt could not be prepared</source>
        <translation>Không chuẩn bị được biên lai thu phí</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} đến {last}</translation>
    </message>
    <message>
        <source>Dossier ledger for {period}: {count} dossier(s).</source>
        <translation>Sổ theo dõi hồ sơ {period}: {count} hồ sơ.</translation>
    </message>
    <message>
        <source>Dossier {code} is saved, but its form could not be prepared for printing</source>
        <translation>Hồ sơ {code} đã được lưu, nhưng chưa lập được phiếu để in</translation>
    </message>
    <message>
        <source>One-stop desk</source>
        <translation>Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s dossiers</source>
        <translation>Hồ sơ tiếp nhận hôm &amp;nay</translation>
    </message>
    <message>
        <source>Demo mode: a demonstration server with invented data runs on this computer.</source>
        <translation>Chế độ trình diễn: máy chủ trình diễn với dữ liệu giả lập đang chạy trên máy tính này.</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>No dossier received today yet. Press Ctrl+N to receive a new dossier.</source>
        <translation>Hôm nay chưa tiếp nhận hồ sơ nào. Nhấn Ctrl+N để tiếp nhận hồ sơ mới.</translation>
    </message>
    <message>
        <source>&amp;Dossier</source>
        <translation>&amp;Hồ sơ</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <source>&amp;New dossier</source>
        <translation>Tiếp nhận hồ sơ &amp;mới</translation>
    </message>
    <message>
        <source>Receive a new dossier from a citizen (Ctrl+N)</source>
        <translation>Tiếp nhận hồ sơ mới của công dân (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Send now</source>
        <translation>&amp;Gửi ngay</translation>
    </message>
    <message>
        <source>Send waiting dossiers to the central system now (F5)</source>
        <translation>Gửi ngay các hồ sơ đang chờ lên hệ thống trung tâm (F5)</translation>
    </message>
    <message>
        <source>&amp;Hand over result</source>
        <translation>&amp;Trả kết quả</translation>
    </message>
    <message>
        <source>Hand the result of the selected dossier over to the citizen (Ctrl+T); the dossier must show &quot;Result ready&quot;</source>
        <translation>Trả kết quả của hồ sơ đang chọn cho công dân (Ctrl+T); hồ sơ phải ở trạng thái “Đã xử lý xong”</translation>
    </message>
    <message>
        <source>Sending &amp;queue</source>
        <translation>&amp;Hàng đợi gửi</translation>
    </message>
    <message>
        <source>See what waits to be sent to the central system, why, and when (F6)</source>
        <translation>Xem các mục đang chờ gửi lên hệ thống trung tâm, lý do và thời điểm gửi (F6)</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>Log out and return to the sign-in window</source>
        <translation>Đăng xuất và trở về màn hình đăng nhập</translation>
    </message>
</context>
<context>
    <name>OfflineSessionNotice</name>
    <message>
        <source>You are signed in on this desk only: the central system cannot be reached. Your work is kept on this desk, and dossiers will be sent when the central system is back.</source>
        <translation>Bạn đang đăng nhập chỉ trên quầy này: không kết nối được hệ thống trung tâm. Công việc được lưu trên quầy, và hồ sơ sẽ được gửi khi hệ thống trung tâm hoạt động trở lại.</translation>
    </message>
    <message>
        <source>You are signed in on this desk only: the central system cannot be reached. Your work is kept on this desk; when the central system is back you will be asked to sign in online again, and the dossiers will be sent then.</source>
        <translation>Bạn đang đăng nhập chỉ trên quầy này: không kết nối được hệ thống trung tâm. Công việc được lưu trên quầy; khi hệ thống trung tâm hoạt động trở lại, bạn sẽ được yêu cầu đăng nhập trực tuyến lại, và hồ sơ sẽ được gửi lúc đó.</translation>
    </message>
</context>
<context>
    <name>Op</name>
    <message>
        <source>Please wait</source>
        <translation>Xin chờ</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>any</source>
        <translation>bất kỳ</translation>
    </message>
    <message>
        <source>Arrow keys choose a day; Delete means any day.</source>
        <translation>Dùng phím mũi tên để chọn ngày; phím Delete nghĩa là ngày bất kỳ.</translation>
    </message>
</context>
<context>
    <name>OutboxKind</name>
    <message>
        <source>Attachment</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>Chuyển trạng thái</translation>
    </message>
    <message>
        <source>Fee record</source>
        <translation>Thu phí, lệ phí</translation>
    </message>
    <message>
        <source>Supervisor&apos;s review</source>
        <translation>Ý kiến xem xét của lãnh đạo</translation>
    </message>
    <message>
        <source>Print record</source>
        <translation>Lần in</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>Not sent yet: {count}</source>
        <translation>Chưa gửi: {count}</translation>
    </message>
    <message>
        <source>held for review: {count}</source>
        <translation>chờ xem xét: {count}</translation>
    </message>
    <message>
        <source>showing the first {count}</source>
        <translation>đang hiện {count} mục đầu</translation>
    </message>
    <message>
        <source>Queued: {state}</source>
        <translation>Vào hàng đợi: {state}</translation>
    </message>
    <message>
        <source>The desk stopped while this was being sent; it is sent again.</source>
        <translation>Máy đã dừng khi đang gửi mục này; mục sẽ được gửi lại.</translation>
    </message>
    <message>
        <source>Sent again by {actor}</source>
        <translation>{actor} cho gửi lại</translation>
    </message>
    <message>
        <source>Select a held item to send it again.</source>
        <translation>Chọn một mục đang chờ xem xét để gửi lại.</translation>
    </message>
    <message>
        <source>Only a supervisor can send a held item again: ask your supervisor to look at the problem.</source>
        <translation>Chỉ lãnh đạo bộ phận mới được gửi lại mục đang chờ xem xét: hãy báo lãnh đạo bộ phận xem lỗi.</translation>
    </message>
    <message>
        <source>Deal with the problem first: the central system refused this item as it is.</source>
        <translation>Hãy xử lý lỗi trước: hệ thống trung tâm đã từ chối mục này với nội dung hiện tại.</translation>
    </message>
    <message>
        <source>Item #{number} will be sent again.</source>
        <translation>Mục #{number} sẽ được gửi lại.</translation>
    </message>
    <message>
        <source>The item could not be sent again</source>
        <translation>Chưa gửi lại được mục này</translation>
    </message>
    <message>
        <source>Sending queue</source>
        <translation>Hàng đợi gửi</translation>
    </message>
    <message>
        <source>Items for the central system</source>
        <translation>Các mục gửi lên hệ thống trung tâm</translation>
    </message>
    <message>
        <source>Show sent items &amp;too</source>
        <translation>Hiện &amp;cả các mục đã gửi</translation>
    </message>
    <message>
        <source>&amp;History of the selected item</source>
        <translation>Lịc&amp;h sử của mục đang chọn</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Send waiting items to the central system now (F5)</source>
        <translation>Gửi ngay các mục đang chờ lên hệ thống trung tâm (F5)</translation>
    </message>
    <message>
        <source>Send &amp;now</source>
        <translation>Gửi &amp;ngay</translation>
    </message>
    <message>
        <source>Send the selected held item again, after the problem it names has been dealt with</source>
        <translation>Gửi lại mục đang chờ xem xét đã chọn, sau khi đã xử lý lỗi được nêu</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>Gửi &amp;lại</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Đón&amp;g</translation>
    </message>
</context>
<context>
    <name>OutboxTableModel</name>
    <message>
        <source>Item</source>
        <translation>Mục</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Số lần gửi</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Lỗi gần nhất</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Lần gửi tới</translation>
    </message>
    <message>
        <source>Sent at {time}</source>
        <translation>Đã gửi lúc {time}</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <source>Waiting for a supervisor</source>
        <translation>Chờ người kiểm tra</translation>
    </message>
    <message>
        <source>Waiting for item #{number}</source>
        <translation>Chờ mục #{number}</translation>
    </message>
    <message>
        <source>At {time}</source>
        <translation>Lúc {time}</translation>
    </message>
    <message>
        <source>When the network is back (next try at {time})</source>
        <translation>Khi có mạng (thử lại lúc {time})</translation>
    </message>
    <message>
        <source>When the network is back</source>
        <translation>Khi có mạng</translation>
    </message>
    <message>
        <source>At the next sending</source>
        <translation>Trong lượt gửi tới</translation>
    </message>
    <message>
        <source>Item #{number}</source>
        <translation>Mục #{number}</translation>
    </message>
    <message>
        <source>file {short}…</source>
        <translation>tệp {short}…</translation>
    </message>
    <message>
        <source>It is sent after item #{number}, which must reach the central system first.</source>
        <translation>Mục này được gửi sau mục #{number}, vì mục đó phải đến hệ thống trung tâm trước.</translation>
    </message>
</context>
<context>
    <name>PageCaptureDialog</name>
    <message>
        <source>Photograph a page</source>
        <translation>Chụp ảnh trang giấy tờ</translation>
    </message>
    <message>
        <source>Lay the page flat under the camera, then press Space to take the picture.</source>
        <translation>Đặt phẳng trang giấy dưới camera, rồi nhấn phím cách (Space) để chụp.</translation>
    </message>
    <message>
        <source>No camera found: connect a camera, or scan the page with the scanner.</source>
        <translation>Không tìm thấy camera: hãy kết nối camera, hoặc quét trang giấy bằng máy quét.</translation>
    </message>
    <message>
        <source>&amp;Take picture</source>
        <translation>&amp;Chụp ảnh</translation>
    </message>
    <message>
        <source>&amp;Use this picture</source>
        <translation>&amp;Dùng ảnh này</translation>
    </message>
    <message>
        <source>Check the picture: is the whole page there and can it be read?</source>
        <translation>Hãy kiểm tra ảnh: đã đủ cả trang và đọc rõ chưa?</translation>
    </message>
</context>
<context>
    <name>PagedQueueModel</name>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <source>CCCD</source>
        <translation>CCCD</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Cần xem</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Xem xét</translation>
    </message>
    <message>
        <source>Provisional code: the central system gives the final code when the dossier is sent.</source>
        <translation>Mã tạm: hệ thống trung tâm cấp mã chính thức khi hồ sơ được gửi lên.</translation>
    </message>
    <message>
        <source>Desk {desk}</source>
        <translation>Máy {desk}</translation>
    </message>
    <message>
        <source>Overdue: the appointment date has passed.</source>
        <translation>Quá hạn: đã qua ngày hẹn trả.</translation>
    </message>
    <message>
        <source>{action} by {who}, {when}</source>
        <translation>{action} bởi {who}, {when}</translation>
    </message>
</context>
<context>
    <name>PaymentMethod</name>
    <message>
        <source>cash</source>
        <translation>tiền mặt</translation>
    </message>
    <message>
        <source>bank transfer</source>
        <translation>chuyển khoản</translation>
    </message>
    <message>
        <source>QR payment</source>
        <translation>thanh toán QR</translation>
    </message>
</context>
<context>
    <name>PortraitCaptureDialog</name>
    <message>
        <source>Take the citizen&apos;s portrait</source>
        <translation>Chụp ảnh chân dung công dân</translation>
    </message>
    <message>
        <source>Seat the citizen facing the camera against a plain background, then press Space to take the photo.</source>
        <translation>Mời công dân ngồi nhìn thẳng vào camera, phía sau là phông trơn, rồi nhấn phím cách để chụp.</translation>
    </message>
    <message>
        <source>No camera found: connect a camera, or choose a photo file.</source>
        <translation>Không tìm thấy camera: hãy kết nối camera, hoặc chọn tệp ảnh.</translation>
    </message>
    <message>
        <source>No camera, or the citizen has the photo on their phone? Have it sent to this desk, then choose it as a file.</source>
        <translation>Không có camera, hoặc công dân có sẵn ảnh trong điện thoại? Hãy gửi ảnh về máy này rồi chọn tệp ảnh đó.</translation>
    </message>
    <message>
        <source>Choose a &amp;file…</source>
        <translation>Chọn &amp;tệp…</translation>
    </message>
    <message>
        <source>&amp;Take photo</source>
        <translation>C&amp;hụp ảnh</translation>
    </message>
    <message>
        <source>&amp;Use this photo</source>
        <translation>&amp;Dùng ảnh này</translation>
    </message>
    <message>
        <source>Looking for the citizen&apos;s face…</source>
        <translation>Đang tìm khuôn mặt công dân…</translation>
    </message>
    <message>
        <source>All checks pass: press Space</source>
        <translation>Ảnh đạt mọi yêu cầu: nhấn phím cách để chụp</translation>
    </message>
    <message>
        <source>This photo passes every check: press Enter to use it.</source>
        <translation>Ảnh đạt mọi yêu cầu: nhấn Enter để dùng ảnh này.</translation>
    </message>
    <message>
        <source>Retake the photo, or use it if it is right:</source>
        <translation>Chụp lại, hoặc dùng ảnh này nếu thấy phù hợp:</translation>
    </message>
    <message>
        <source>Checking the photo…</source>
        <translation>Đang kiểm tra ảnh…</translation>
    </message>
    <message>
        <source>Check the photo: is the face sharp, the whole head inside the frame?</source>
        <translation>Kiểm tra ảnh: khuôn mặt có rõ nét, cả đầu có nằm trong khung không?</translation>
    </message>
    <message>
        <source>Choose the citizen&apos;s portrait</source>
        <translation>Chọn ảnh chân dung của công dân</translation>
    </message>
    <message>
        <source>Pictures ({patterns})</source>
        <translation>Tệp ảnh ({patterns})</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Đang đọc tệp…</translation>
    </message>
    <message>
        <source>This file is empty or too large to be a photo. Choose the photo itself.</source>
        <translation>Tệp này trống hoặc quá lớn, không phải là ảnh. Hãy chọn đúng tệp ảnh.</translation>
    </message>
    <message>
        <source>The file could not be read ({reason}). Choose it again, or another file.</source>
        <translation>Không đọc được tệp ({reason}). Hãy chọn lại, hoặc chọn tệp khác.</translation>
    </message>
</context>
<context>
    <name>PortraitPage</name>
    <message>
        <source>This procedure needs no portrait. Press Next.</source>
        <translation>Thủ tục này không cần ảnh chân dung. Nhấn Tiếp.</translation>
    </message>
    <message>
        <source>Portrait {w}×{h} mm ({wpx}×{hpx} pixels), {background} background, at most {kb} KB. The photo is framed around the face and checked against the rules below.</source>
        <translation>Ảnh chân dung {w}×{h} mm ({wpx}×{hpx} điểm ảnh), phông nền màu {background}, tối đa {kb} KB. Ảnh được cắt theo khuôn mặt và kiểm tra theo các yêu cầu dưới đây.</translation>
    </message>
    <message>
        <source>white</source>
        <translation>trắng</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>xanh</translation>
    </message>
    <message>
        <source>Choose the citizen&apos;s portrait</source>
        <translation>Chọn ảnh chân dung của công dân</translation>
    </message>
    <message>
        <source>Pictures ({patterns})</source>
        <translation>Tệp ảnh ({patterns})</translation>
    </message>
    <message>
        <source>Preparing the photo…</source>
        <translation>Đang xử lý ảnh…</translation>
    </message>
    <message>
        <source>Fails: {rules}</source>
        <translation>Chưa đạt: {rules}</translation>
    </message>
    <message>
        <source>{w}×{h} pixels, {kb} KB</source>
        <translation>{w}×{h} điểm ảnh, {kb} KB</translation>
    </message>
    <message>
        <source>Photo ready: {size}. Every check passes.</source>
        <translation>Ảnh đã sẵn sàng: {size}. Đạt mọi yêu cầu.</translation>
    </message>
    <message>
        <source>Photo used against {count} check(s), with the reason given: the supervisor reviews this dossier.</source>
        <translation>Ảnh được dùng dù chưa đạt {count} yêu cầu, kèm lý do đã ghi: lãnh đạo bộ phận sẽ xem xét hồ sơ này.</translation>
    </message>
    <message>
        <source>This photo fails {count} check(s) (marked ✗). Take it again, or write why it is used anyway.</source>
        <translation>Ảnh chưa đạt {count} yêu cầu (đánh dấu ✗). Hãy chụp lại, hoặc ghi lý do vẫn dùng ảnh này.</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>Chưa có ảnh</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Ảnh chân dung</translation>
    </message>
    <message>
        <source>Choose the citizen&apos;s portrait photo. It is cropped and resized to the procedure&apos;s rules.</source>
        <translation>Chọn ảnh chân dung của công dân. Ảnh được cắt và đổi kích thước theo quy định của thủ tục.</translation>
    </message>
    <message>
        <source>Take the photo with the desk camera, with live guidance (F8)</source>
        <translation>Chụp ảnh bằng camera của quầy, có hướng dẫn trực tiếp (F8)</translation>
    </message>
    <message>
        <source>Take with the ca&amp;mera… (F8)</source>
        <translation>Chụp bằng ca&amp;mera… (F8)</translation>
    </message>
    <message>
        <source>&amp;Choose photo file…</source>
        <translation>&amp;Chọn tệp ảnh…</translation>
    </message>
    <message>
        <source>&amp;Remove photo</source>
        <translation>&amp;Bỏ ảnh</translation>
    </message>
    <message>
        <source>&amp;Why this photo is used anyway (e.g. a head covering kept for religious reasons); the supervisor reviews it:</source>
        <translation>&amp;Lý do vẫn dùng ảnh này (ví dụ: đội khăn vì lý do tôn giáo); lãnh đạo bộ phận sẽ xem xét:</translation>
    </message>
    <message>
        <source>Leave empty to take the photo again</source>
        <translation>Để trống nếu sẽ chụp lại</translation>
    </message>
</context>
<context>
    <name>PortraitRule</name>
    <message>
        <source>white</source>
        <translation>trắng</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>xanh</translation>
    </message>
    <message>
        <source>Not checked: there must be exactly one face in the picture</source>
        <translation>Chưa kiểm tra được: trong ảnh phải có đúng một khuôn mặt</translation>
    </message>
    <message>
        <source>One face found</source>
        <translation>Có một khuôn mặt</translation>
    </message>
    <message>
        <source>No face found: the citizen faces the camera, close to it, with the face uncovered</source>
        <translation>Không thấy khuôn mặt: công dân nhìn thẳng, ngồi gần camera, không che mặt</translation>
    </message>
    <message>
        <source>{count} faces found: only the citizen may be in the picture</source>
        <translation>Thấy {count} khuôn mặt: trong ảnh chỉ được có công dân</translation>
    </message>
    <message>
        <source>Move closer to the camera</source>
        <translation>Ngồi gần camera hơn</translation>
    </message>
    <message>
        <source>Move back from the camera</source>
        <translation>Ngồi lùi xa camera hơn</translation>
    </message>
    <message>
        <source>The face is the right size</source>
        <translation>Cỡ khuôn mặt phù hợp</translation>
    </message>
    <message>
        <source>The face is centred</source>
        <translation>Khuôn mặt ở giữa ảnh</translation>
    </message>
    <message>
        <source>The face is off centre: move the camera or the chair so the face is in the middle</source>
        <translation>Khuôn mặt bị lệch: xoay camera hoặc dịch ghế để mặt ở giữa ảnh</translation>
    </message>
    <message>
        <source>Not checked: both eyes must be visible</source>
        <translation>Chưa kiểm tra được: phải thấy rõ cả hai mắt</translation>
    </message>
    <message>
        <source>The head is straight</source>
        <translation>Đầu thẳng</translation>
    </message>
    <message>
        <source>The head leans by {degrees} degrees: hold it straight</source>
        <translation>Đầu nghiêng {degrees} độ: hãy giữ thẳng đầu</translation>
    </message>
    <message>
        <source>Both eyes are visible</source>
        <translation>Thấy rõ hai mắt</translation>
    </message>
    <message>
        <source>The eyes are not clearly visible: look at the camera with eyes open, hair off the eyes, no tinted glasses</source>
        <translation>Không thấy rõ mắt: mở mắt nhìn vào camera, vén tóc khỏi mắt, không đeo kính màu</translation>
    </message>
    <message>
        <source>The face is sharp</source>
        <translation>Khuôn mặt rõ nét</translation>
    </message>
    <message>
        <source>The photo is blurred: hold still and let the camera focus</source>
        <translation>Ảnh bị mờ: ngồi yên để camera lấy nét</translation>
    </message>
    <message>
        <source>Too dark: add light or face the window</source>
        <translation>Ảnh quá tối: bật thêm đèn hoặc quay mặt về phía cửa sổ</translation>
    </message>
    <message>
        <source>Too bright: turn off the flash or move out of direct light</source>
        <translation>Ảnh quá sáng: tắt đèn flash hoặc tránh ánh sáng chiếu thẳng</translation>
    </message>
    <message>
        <source>The light on the face is right</source>
        <translation>Ánh sáng trên mặt phù hợp</translation>
    </message>
    <message>
        <source>Not checked: too little background is visible</source>
        <translation>Chưa kiểm tra được: phông nền lộ ra quá ít</translation>
    </message>
    <message>
        <source>The background is plain</source>
        <translation>Phông nền trơn</translation>
    </message>
    <message>
        <source>The background is not plain: use the plain {colour} wall</source>
        <translation>Phông nền không trơn: hãy dùng tường hoặc phông màu {colour}</translation>
    </message>
    <message>
        <source>The background colour is not checked for this procedure</source>
        <translation>Thủ tục này không quy định màu phông nền</translation>
    </message>
    <message>
        <source>The background is {colour}</source>
        <translation>Phông nền màu {colour}</translation>
    </message>
    <message>
        <source>The background is not {colour}: use the plain {colour} wall</source>
        <translation>Phông nền không phải màu {colour}: hãy dùng tường hoặc phông màu {colour}</translation>
    </message>
</context>
<context>
    <name>PortraitRuleName</name>
    <message>
        <source>one face</source>
        <translation>một khuôn mặt</translation>
    </message>
    <message>
        <source>face size</source>
        <translation>cỡ khuôn mặt</translation>
    </message>
    <message>
        <source>face centred</source>
        <translation>mặt ở giữa ảnh</translation>
    </message>
    <message>
        <source>head straight</source>
        <translation>đầu thẳng</translation>
    </message>
    <message>
        <source>eyes visible</source>
        <translation>thấy rõ hai mắt</translation>
    </message>
    <message>
        <source>sharpness</source>
        <translation>độ nét</translation>
    </message>
    <message>
        <source>light</source>
        <translation>ánh sáng</translation>
    </message>
    <message>
        <source>plain background</source>
        <translation>phông trơn</translation>
    </message>
    <message>
        <source>background colour</source>
        <translation>màu phông</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Supplement request (Mẫu 02) for dossier {code}: two copies, one for the desk and one for the citizen.</source>
        <translation>Phiếu yêu cầu bổ sung (Mẫu 02) của hồ sơ {code}: hai liên, một liên lưu tại bộ phận, một liên giao công dân.</translation>
    </message>
    <message>
        <source>Refusal (Mẫu 03) for dossier {code}: two copies, one for the desk and one for the citizen.</source>
        <translation>Phiếu từ chối (Mẫu 03) của hồ sơ {code}: hai liên, một liên lưu tại bộ phận, một liên giao công dân.</translation>
    </message>
    <message>
        <source>Receipt for dossier {code}: two copies, one for the desk and one for the citizen.</source>
        <translation>Giấy tiếp nhận hồ sơ {code}: hai liên, một liên lưu tại bộ phận một cửa, một liên giao người nộp.</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Giấy tiếp nhận</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>80 mm roll</source>
        <translation>Cuộn giấy 80 mm</translation>
    </message>
    <message>
        <source>Reprint of the fee receipt for dossier {code}, marked “Bản in lại”. Reason: {reason}</source>
        <translation>In lại biên lai thu phí của hồ sơ {code}, có ghi “Bản in lại”. Lý do: {reason}</translation>
    </message>
    <message>
        <source>Fee receipt for dossier {code}: two copies, one for the desk and one for the payer.</source>
        <translation>Biên lai thu phí của hồ sơ {code}: hai liên, một liên lưu tại bàn và một liên giao người nộp tiền.</translation>
    </message>
    <message>
        <source>Reprint of the supplement request (Mẫu 02) for dossier {code}, marked “Bản in lại”. Reason: {reason}</source>
        <translation>In lại phiếu yêu cầu bổ sung (Mẫu 02) của hồ sơ {code}, có ghi “Bản in lại”. Lý do: {reason}</translation>
    </message>
    <message>
        <source>Reprint of the refusal (Mẫu 03) for dossier {code}, marked “Bản in lại”. Reason: {reason}</source>
        <translation>In lại phiếu từ chối (Mẫu 03) của hồ sơ {code}, có ghi “Bản in lại”. Lý do: {reason}</translation>
    </message>
    <message>
        <source>Reprint of the receipt for dossier {code}, marked “Bản in lại”. Reason: {reason}</source>
        <translation>In lại giấy tiếp nhận của hồ sơ {code}, có ghi “Bản in lại”. Lý do: {reason}</translation>
    </message>
    <message>
        <source>{pages} page(s)</source>
        <translation>{pages} trang</translation>
    </message>
    <message>
        <source>The receipt could not be displayed; save it as PDF instead.</source>
        <translation>Không hiển thị được giấy tiếp nhận; hãy lưu thành tệp PDF.</translation>
    </message>
    <message>
        <source>Printing on {printer}: page {done} of {total}…</source>
        <translation>Đang in trên {printer}: trang {done}/{total}…</translation>
    </message>
    <message>
        <source>The printer “{missing}” used last time was not found; the form goes to “{printer}”.</source>
        <translation>Không tìm thấy máy in “{missing}” đã dùng lần trước; biểu mẫu được in trên “{printer}”.</translation>
    </message>
    <message>
        <source>Sent to {printer}: {sheets} page(s).</source>
        <translation>Đã gửi tới {printer}: {sheets} trang.</translation>
    </message>
    <message>
        <source>Sent to {printer}: {copies} copies, {sheets} page(s).</source>
        <translation>Đã gửi tới {printer}: {copies} bản, {sheets} trang.</translation>
    </message>
    <message>
        <source>The desk could not record this print: {reason}</source>
        <translation>Bàn tiếp nhận không ghi lại được lần in này: {reason}</translation>
    </message>
    <message>
        <source>The form was not printed: {reason} The dossier itself is saved; only the paper is missing.</source>
        <translation>Biểu mẫu chưa được in: {reason} Hồ sơ đã được lưu; chỉ còn thiếu bản giấy.</translation>
    </message>
    <message>
        <source>Printing cancelled. The dossier is saved; print the form when ready.</source>
        <translation>Đã hủy in. Hồ sơ đã được lưu; hãy in biểu mẫu khi sẵn sàng.</translation>
    </message>
    <message>
        <source>Laying the form out on {paper}…</source>
        <translation>Đang dàn trang biểu mẫu trên {paper}…</translation>
    </message>
    <message>
        <source>The form could not be laid out on that paper: {reason}</source>
        <translation>Không dàn trang được biểu mẫu trên khổ giấy đó: {reason}</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Lưu thành PDF</translation>
    </message>
    <message>
        <source>Saved as {name}.</source>
        <translation>Đã lưu thành {name}.</translation>
    </message>
    <message>
        <source>Receipt: print preview</source>
        <translation>Giấy tiếp nhận: xem trước khi in</translation>
    </message>
    <message>
        <source>Print &amp;again</source>
        <translation>In &amp;lại</translation>
    </message>
    <message>
        <source>Pape&amp;r:</source>
        <translation>&amp;Khổ giấy:</translation>
    </message>
    <message>
        <source>The paper this desk prints its forms on; the form is laid out again for it and the choice is kept.</source>
        <translation>Khổ giấy bàn này dùng để in biểu mẫu; biểu mẫu được dàn trang lại theo khổ giấy và lựa chọn được ghi nhớ.</translation>
    </message>
    <message>
        <source>C&amp;opies:</source>
        <translation>&amp;Số bản:</translation>
    </message>
    <message>
        <source>How many times the whole document is printed. Each one already holds both copies of the form, one for the desk and one for the citizen.</source>
        <translation>Số lần in toàn bộ tài liệu. Mỗi lần in đã gồm cả hai liên, một liên lưu tại bàn và một liên giao công dân.</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>Lưu thành &amp;PDF…</translation>
    </message>
    <message>
        <source>Print the form (Ctrl+P)</source>
        <translation>In biểu mẫu (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Đón&amp;g</translation>
    </message>
</context>
<context>
    <name>PrintedForm</name>
    <message>
        <source>The receipt (Mẫu 01)</source>
        <translation>Giấy tiếp nhận (Mẫu 01)</translation>
    </message>
    <message>
        <source>The supplement request (Mẫu 02)</source>
        <translation>Phiếu yêu cầu bổ sung (Mẫu 02)</translation>
    </message>
    <message>
        <source>The refusal (Mẫu 03)</source>
        <translation>Phiếu từ chối (Mẫu 03)</translation>
    </message>
    <message>
        <source>The fee receipt</source>
        <translation>Biên lai thu phí</translation>
    </message>
</context>
<context>
    <name>ProcedurePage</name>
    <message>
        <source>No procedure matches &quot;{text}&quot;. Try fewer words or the procedure&apos;s code.</source>
        <translation>Không có thủ tục nào khớp với “{text}”. Hãy gõ ít từ hơn hoặc gõ mã thủ tục.</translation>
    </message>
    <message>
        <source>free</source>
        <translation>miễn phí</translation>
    </message>
    <message>
        <source>Agency: {agency}</source>
        <translation>Cơ quan giải quyết: {agency}</translation>
    </message>
    <message>
        <source>Fee: {fee}; processing time: {days} working days; {documents} document(s) to take.</source>
        <translation>Lệ phí: {fee}; thời hạn giải quyết: {days} ngày làm việc; thành phần hồ sơ: {documents} loại giấy tờ.</translation>
    </message>
    <message>
        <source>Can also be done fully online on the public service portal.</source>
        <translation>Thủ tục này cũng làm được trực tuyến toàn trình trên Cổng dịch vụ công.</translation>
    </message>
    <message>
        <source>Taken {count} time(s) at this desk in the last 90 days.</source>
        <translation>Đã tiếp nhận {count} lần tại quầy này trong 90 ngày qua.</translation>
    </message>
    <message>
        <source>Demo data: documents, fee and time are examples, not the legal values.</source>
        <translation>Dữ liệu trình diễn: giấy tờ, lệ phí và thời hạn chỉ là ví dụ, không phải giá trị theo quy định.</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Find the administrative procedure the citizen asks for. Diacritics are not needed: &quot;doi gplx&quot; finds &quot;Đổi giấy phép lái xe&quot;.</source>
        <translation>Tìm thủ tục hành chính công dân yêu cầu. Không cần gõ dấu: “doi gplx” sẽ tìm thấy “Đổi giấy phép lái xe”.</translation>
    </message>
    <message>
        <source>&amp;Find the procedure (Enter takes the highlighted one):</source>
        <translation>Tìm t&amp;hủ tục (Enter để chọn thủ tục đang tô sáng):</translation>
    </message>
    <message>
        <source>Search by name, abbreviation or code</source>
        <translation>Tìm theo tên, tên viết tắt hoặc mã thủ tục</translation>
    </message>
    <message>
        <source>Matching &amp;procedures (Up and Down arrows from the search move here too):</source>
        <translation>Thủ tục &amp;phù hợp (phím mũi tên lên, xuống ở ô tìm kiếm cũng chọn được):</translation>
    </message>
</context>
<context>
    <name>ProcedureTableModel</name>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Lệ phí</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Số ngày làm việc</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Miễn phí</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QueueTab</name>
    <message>
        <source>Any channel</source>
        <translation>Mọi hình thức</translation>
    </message>
    <message>
        <source>Any procedure</source>
        <translation>Mọi thủ tục</translation>
    </message>
    <message>
        <source>Any officer</source>
        <translation>Mọi cán bộ</translation>
    </message>
    <message>
        <source>Overdue o&amp;nly</source>
        <translation>Chỉ hồ sơ &amp;quá hạn</translation>
    </message>
    <message>
        <source>Code, CCCD or name</source>
        <translation>Mã hồ sơ, số CCCD hoặc họ tên</translation>
    </message>
    <message>
        <source>Cle&amp;ar filters</source>
        <translation>Xó&amp;a bộ lọc</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Trạng thái:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Kênh nộp:</translation>
    </message>
    <message>
        <source>&amp;Procedure:</source>
        <translation>Thủ tụ&amp;c:</translation>
    </message>
    <message>
        <source>O&amp;fficer:</source>
        <translation>Cán &amp;bộ:</translation>
    </message>
    <message>
        <source>Recei&amp;ved from:</source>
        <translation>Nhận từ ngà&amp;y:</translation>
    </message>
    <message>
        <source>&amp;to:</source>
        <translation>đế&amp;n:</translation>
    </message>
    <message>
        <source>D&amp;ue from:</source>
        <translation>Hẹn t&amp;rả từ:</translation>
    </message>
    <message>
        <source>t&amp;o:</source>
        <translation>tớ&amp;i:</translation>
    </message>
    <message>
        <source>S&amp;earch:</source>
        <translation>Tì&amp;m:</translation>
    </message>
    <message>
        <source>Doss&amp;iers:</source>
        <translation>Danh sách hồ &amp;sơ:</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>Open (not finished)</source>
        <translation>Đang giải quyết (chưa xong)</translation>
    </message>
    <message>
        <source>{n} dossiers</source>
        <translation>{n} hồ sơ</translation>
    </message>
    <message>
        <source>The queue could not be read: {reason}</source>
        <translation>Không đọc được danh sách hồ sơ: {reason}</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>{status} · returned by the supervisor</source>
        <translation>{status} · lãnh đạo trả lại</translation>
    </message>
    <message>
        <source>{state} · photo received</source>
        <translation>{state} · đã nhận ảnh</translation>
    </message>
    <message>
        <source>{state} · photo not yet confirmed</source>
        <translation>{state} · ảnh chưa được xác nhận</translation>
    </message>
    <message>
        <source>Provisional code: the central system gives the final code when the dossier is sent.</source>
        <translation>Mã tạm: hệ thống trung tâm sẽ cấp mã chính thức khi hồ sơ được gửi lên.</translation>
    </message>
    <message>
        <source>Overdue: the appointment date has passed.</source>
        <translation>Quá hạn: đã qua ngày hẹn trả kết quả.</translation>
    </message>
    <message>
        <source>The central system refused this dossier; a supervisor must review it.</source>
        <translation>Hệ thống trung tâm từ chối hồ sơ này; lãnh đạo bộ phận cần xem xét.</translation>
    </message>
    <message>
        <source>The central system confirmed it holds exactly the portrait taken here (same SHA-256).</source>
        <translation>Hệ thống trung tâm đã xác nhận lưu đúng ảnh chân dung chụp tại đây (cùng mã SHA-256).</translation>
    </message>
    <message>
        <source>The central system has not yet confirmed the portrait; the desk sends it until it does.</source>
        <translation>Hệ thống trung tâm chưa xác nhận ảnh chân dung; máy sẽ gửi lại cho đến khi được xác nhận.</translation>
    </message>
    <message>
        <source>Returned by {supervisor}: {note}</source>
        <translation>{supervisor} trả lại: {note}</translation>
    </message>
    <message>
        <source>The result is ready: select the dossier and press Ctrl+T to hand it over.</source>
        <translation>Đã có kết quả: chọn hồ sơ rồi nhấn Ctrl+T để trả kết quả cho công dân.</translation>
    </message>
</context>
<context>
    <name>ReceiptCheckDialog</name>
    <message>
        <source>Check a receipt</source>
        <translation>Kiểm tra giấy tiếp nhận</translation>
    </message>
    <message>
        <source>Scan the QR code at the foot of the receipt, or type its text, then press Enter.</source>
        <translation>Quét mã QR ở cuối giấy tiếp nhận, hoặc gõ nội dung mã, rồi nhấn Enter.</translation>
    </message>
    <message>
        <source>The receipt&apos;s QR code text</source>
        <translation>Nội dung mã QR của giấy tiếp nhận</translation>
    </message>
    <message>
        <source>&amp;QR code text</source>
        <translation>Nội dung &amp;mã QR</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>&amp;Kiểm tra</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>Thời gian tiếp nhận</translation>
    </message>
    <message>
        <source>Receiving officer</source>
        <translation>Người tiếp nhận</translation>
    </message>
    <message>
        <source>Sealed by</source>
        <translation>Đóng dấu xác thực bởi</translation>
    </message>
    <message>
        <source>At the central system</source>
        <translation>Tại hệ thống trung tâm</translation>
    </message>
    <message>
        <source>Scan the receipt&apos;s QR code or type its text first.</source>
        <translation>Hãy quét mã QR của giấy tiếp nhận hoặc gõ nội dung mã trước.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>desk {desk} (key {kid})</source>
        <translation>bàn {desk} (khóa {kid})</translation>
    </message>
    <message>
        <source>an unknown key ({kid})</source>
        <translation>một khóa không xác định ({kid})</translation>
    </message>
    <message>
        <source>dossier {code}, {status}</source>
        <translation>hồ sơ {code}, {status}</translation>
    </message>
    <message>
        <source>procedure</source>
        <translation>thủ tục</translation>
    </message>
    <message>
        <source>received time</source>
        <translation>thời gian tiếp nhận</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>người tiếp nhận</translation>
    </message>
    <message>
        <source>NOT GENUINE: the seal does not fit what this receipt says, so it was altered or made up. Keep the receipt and tell the supervisor.</source>
        <translation>KHÔNG HỢP LỆ: dấu xác thực không khớp với nội dung giấy tiếp nhận, nên giấy đã bị sửa hoặc làm giả. Hãy giữ lại giấy và báo lãnh đạo bộ phận.</translation>
    </message>
    <message>
        <source>Cannot tell: no desk of this site uses the key that sealed this receipt. It comes from another site, or it was made up.</source>
        <translation>Không xác định được: không có bàn nào của điểm này dùng khóa đã đóng dấu giấy tiếp nhận này. Giấy đến từ điểm khác, hoặc bị làm giả.</translation>
    </message>
    <message>
        <source>Cannot tell on this desk: the key that sealed this receipt is not among the keys kept here. Check it again when the desk is online.</source>
        <translation>Bàn này chưa xác định được: khóa đã đóng dấu giấy tiếp nhận không có trong các khóa lưu tại đây. Hãy kiểm tra lại khi bàn có mạng.</translation>
    </message>
    <message>
        <source>GENUINE SEAL: this receipt says exactly what the desk that issued it signed.</source>
        <translation>DẤU XÁC THỰC HỢP LỆ: nội dung giấy tiếp nhận đúng như bàn cấp giấy đã ký.</translation>
    </message>
    <message>
        <source>The seal is genuine, but the central system&apos;s dossier {code} differs in: {fields}. Ask the supervisor to look into it.</source>
        <translation>Dấu xác thực hợp lệ, nhưng hồ sơ {code} trên hệ thống trung tâm khác ở: {fields}. Hãy báo lãnh đạo bộ phận xem xét.</translation>
    </message>
    <message>
        <source>The seal is genuine, but the central system holds no dossier {code} yet: the desk that took it may not have sent it. Check again later.</source>
        <translation>Dấu xác thực hợp lệ, nhưng hệ thống trung tâm chưa có hồ sơ {code}: bàn tiếp nhận có thể chưa gửi lên. Hãy kiểm tra lại sau.</translation>
    </message>
    <message>
        <source>GENUINE: this receipt was issued at this site and matches dossier {code} held by the central system.</source>
        <translation>HỢP LỆ: giấy tiếp nhận này do điểm này cấp và khớp với hồ sơ {code} trên hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>Checked with the central system.</source>
        <translation>Đã kiểm tra với hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>Checked on this desk with its own key only: the site&apos;s keys were never fetched. Whether the central system holds the dossier is not known.</source>
        <translation>Đã kiểm tra tại bàn này chỉ với khóa của bàn: chưa từng tải khóa của điểm. Chưa biết hệ thống trung tâm có hồ sơ hay không.</translation>
    </message>
    <message>
        <source>Checked on this desk, with the site&apos;s keys fetched at {when}. Whether the central system holds the dossier is not known.</source>
        <translation>Đã kiểm tra tại bàn này, với khóa của điểm tải lúc {when}. Chưa biết hệ thống trung tâm có hồ sơ hay không.</translation>
    </message>
    <message>
        <source>The central system gave no answer: {reason}</source>
        <translation>Hệ thống trung tâm không trả lời: {reason}</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund a fee</source>
        <translation>Hoàn phí</translation>
    </message>
    <message>
        <source>Dossier {code} of {citizen}</source>
        <translation>Hồ sơ {code} của {citizen}</translation>
    </message>
    <message>
        <source>{amount} by {method}, receipt {number}, {when} (refundable: {left})</source>
        <translation>{amount}, {method}, biên lai {number}, {when} (còn có thể hoàn: {left})</translation>
    </message>
    <message>
        <source>Why the money is given back</source>
        <translation>Lý do hoàn trả tiền</translation>
    </message>
    <message>
        <source>&amp;Payment</source>
        <translation>&amp;Khoản nộp</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>&amp;Số tiền</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Lý do</translation>
    </message>
    <message>
        <source>Payment &amp;slip number</source>
        <translation>Số &amp;phiếu chi</translation>
    </message>
    <message>
        <source>&amp;Record the refund</source>
        <translation>&amp;Ghi nhận hoàn phí</translation>
    </message>
    <message>
        <source>Write the reason for the refund.</source>
        <translation>Hãy ghi lý do hoàn phí.</translation>
    </message>
    <message>
        <source>Recording the refund…</source>
        <translation>Đang ghi nhận hoàn phí…</translation>
    </message>
</context>
<context>
    <name>ReprintReasonDialog</name>
    <message>
        <source>Print the form again</source>
        <translation>In lại biểu mẫu</translation>
    </message>
    <message>
        <source>The form of dossier {code} is printed again, marked “Bản in lại” on every page. The reason is kept with the print.</source>
        <translation>Biểu mẫu của hồ sơ {code} được in lại, mỗi trang có ghi “Bản in lại”. Lý do được lưu cùng lần in.</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
    <message>
        <source>e.g. the citizen lost the receipt</source>
        <translation>ví dụ: công dân làm mất giấy tiếp nhận</translation>
    </message>
    <message>
        <source>Re&amp;print</source>
        <translation>&amp;In lại</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <source>Write the reason in at least {count} characters.</source>
        <translation>Hãy ghi lý do ít nhất {count} ký tự.</translation>
    </message>
</context>
<context>
    <name>ReviewAction</name>
    <message>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <source>Returned to the officer</source>
        <translation>Đã trả lại cán bộ</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Đã chuyển cấp trên</translation>
    </message>
</context>
<context>
    <name>ReviewFlag</name>
    <message>
        <source>photo exception</source>
        <translation>ảnh ngoại lệ</translation>
    </message>
    <message>
        <source>documents short</source>
        <translation>thiếu bản sao</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>hoàn phí</translation>
    </message>
    <message>
        <source>reprint</source>
        <translation>in lại</translation>
    </message>
    <message>
        <source>sending held</source>
        <translation>gửi bị từ chối</translation>
    </message>
    <message>
        <source>late</source>
        <translation>quá hạn</translation>
    </message>
</context>
<context>
    <name>ReviewNoteDialog</name>
    <message>
        <source>From {least} to {most} characters.</source>
        <translation>Từ {least} đến {most} ký tự.</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>{n} original(s)</source>
        <translation>{n} bản chính</translation>
    </message>
    <message>
        <source>{n} certified copy(ies)</source>
        <translation>{n} bản sao chứng thực</translation>
    </message>
    <message>
        <source>{n} photocopy(ies)</source>
        <translation>{n} bản photo</translation>
    </message>
    <message>
        <source>{document}: handed in, ask again</source>
        <translation>{document}: đã nộp, yêu cầu nộp lại</translation>
    </message>
    <message>
        <source>{document}: optional, not handed in</source>
        <translation>{document}: không bắt buộc, chưa nộp</translation>
    </message>
    <message>
        <source>Not handed in: {documents}. The dossier cannot be accepted without it: ask for more documents or refuse it.</source>
        <translation>Chưa nộp: {documents}. Thiếu giấy tờ này thì không tiếp nhận được hồ sơ: hãy yêu cầu bổ sung hoặc từ chối tiếp nhận.</translation>
    </message>
    <message>
        <source>Write the reason for the refusal: the citizen is owed it in writing.</source>
        <translation>Hãy ghi lý do từ chối: công dân phải được thông báo lý do bằng văn bản.</translation>
    </message>
    <message>
        <source>Tick the documents to bring or write the guidance: the request must say what to do.</source>
        <translation>Hãy đánh dấu giấy tờ cần nộp thêm hoặc ghi nội dung hướng dẫn: phiếu yêu cầu phải nói rõ công dân cần làm gì.</translation>
    </message>
    <message>
        <source>The text is {length} characters long; at most {limit} can be kept. Shorten it.</source>
        <translation>Nội dung dài {length} ký tự, chỉ lưu được tối đa {limit} ký tự. Hãy rút gọn.</translation>
    </message>
    <message>
        <source>Fewer copies were counted than the procedure asks for: {documents}. Accept only if that is enough, or ask for more documents.</source>
        <translation>Số bản đã nhận ít hơn thủ tục yêu cầu: {documents}. Chỉ tiếp nhận nếu như vậy là đủ, nếu không hãy yêu cầu bổ sung.</translation>
    </message>
    <message>
        <source>A refused dossier owes no fee.</source>
        <translation>Hồ sơ bị từ chối thì không thu lệ phí.</translation>
    </message>
    <message>
        <source>No fee is taken now: it is paid when the completed dossier is accepted.</source>
        <translation>Chưa thu lệ phí: công dân nộp khi hồ sơ đã đầy đủ và được tiếp nhận.</translation>
    </message>
    <message>
        <source>The payment marked on the fees page is not recorded.</source>
        <translation>Khoản đã ghi là thu ở bước Lệ phí sẽ không được ghi nhận.</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>CCCD</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>(old ID {cmnd})</source>
        <translation>(CMND cũ {cmnd})</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Nơi thường trú</translation>
    </message>
    <message>
        <source>Phone / email</source>
        <translation>Điện thoại / thư điện tử</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên thủ tục</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Cơ quan giải quyết</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Lệ phí</translation>
    </message>
    <message>
        <source>free</source>
        <translation>miễn phí</translation>
    </message>
    <message>
        <source>Result due</source>
        <translation>Hẹn trả kết quả</translation>
    </message>
    <message>
        <source>{when} (if saved now; {days} working days)</source>
        <translation>{when} (nếu lưu ngay bây giờ; {days} ngày làm việc)</translation>
    </message>
    <message>
        <source>{days} working days from when the completed dossier is accepted</source>
        <translation>{days} ngày làm việc kể từ khi hồ sơ đầy đủ được tiếp nhận</translation>
    </message>
    <message>
        <source>none: the dossier is refused</source>
        <translation>không có (hồ sơ bị từ chối tiếp nhận)</translation>
    </message>
    <message>
        <source>Application form</source>
        <translation>Tờ khai</translation>
    </message>
    <message>
        <source>Documents and delivery</source>
        <translation>Giấy tờ và nhận kết quả</translation>
    </message>
    <message>
        <source>{name}: {o} original(s), {c} certified copy(ies), {p} photocopy(ies)</source>
        <translation>{name}: {o} bản chính, {c} bản sao chứng thực, {p} bản photo</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Giấy tờ đã nhận</translation>
    </message>
    <message>
        <source>Number of sets</source>
        <translation>Số bộ hồ sơ</translation>
    </message>
    <message>
        <source>by post to {address}</source>
        <translation>qua bưu điện, gửi đến {address}</translation>
    </message>
    <message>
        <source>at the desk</source>
        <translation>tại bộ phận một cửa</translation>
    </message>
    <message>
        <source>Result delivered</source>
        <translation>Nhận kết quả</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Ảnh chân dung</translation>
    </message>
    <message>
        <source>Photo used despite</source>
        <translation>Ảnh vẫn dùng dù không đạt</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>The supervisor reviews this photo.</source>
        <translation>Lãnh đạo bộ phận sẽ xem xét ảnh này.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>none: a refused dossier owes no fee</source>
        <translation>không thu (hồ sơ bị từ chối thì không thu lệ phí)</translation>
    </message>
    <message>
        <source>none now: {amount} is paid when the completed dossier is accepted</source>
        <translation>chưa thu: {amount} nộp khi hồ sơ đầy đủ được tiếp nhận</translation>
    </message>
    <message>
        <source>{amount} paid by {method}, receipt no. {number}</source>
        <translation>{amount}, nộp bằng {method}, biên lai số {number}</translation>
    </message>
    <message>
        <source>{amount} to be collected later</source>
        <translation>{amount}, thu sau</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Nộp phí</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Kiểm tra lại</translation>
    </message>
    <message>
        <source>Read the details back to the citizen, choose the outcome, then save: the dossier is stored on this desk and its form is prepared for printing.</source>
        <translation>Đọc lại thông tin cho công dân, chọn kết quả tiếp nhận rồi lưu: hồ sơ được lưu trên máy này và phiếu tương ứng được lập để in.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả tiếp nhận</translation>
    </message>
    <message>
        <source>The dossier is complete: it is accepted and the citizen gets the receipt with the appointment date.</source>
        <translation>Hồ sơ đầy đủ: tiếp nhận và giao công dân giấy tiếp nhận có ngày hẹn trả kết quả.</translation>
    </message>
    <message>
        <source>&amp;Accept (receipt, Mẫu 01)</source>
        <translation>Tiếp nhận &amp;hồ sơ (giấy tiếp nhận, Mẫu 01)</translation>
    </message>
    <message>
        <source>Documents are missing or need correcting: the citizen gets a request saying what to bring.</source>
        <translation>Hồ sơ còn thiếu hoặc cần sửa giấy tờ: giao công dân phiếu yêu cầu ghi rõ cần nộp thêm gì.</translation>
    </message>
    <message>
        <source>Ask for &amp;more documents (Mẫu 02)</source>
        <translation>Yêu cầu &amp;bổ sung hồ sơ (Mẫu 02)</translation>
    </message>
    <message>
        <source>The dossier cannot be taken at all: the citizen gets the refusal with its reason.</source>
        <translation>Hồ sơ không thể tiếp nhận: giao công dân phiếu từ chối ghi rõ lý do.</translation>
    </message>
    <message>
        <source>&amp;Refuse (Mẫu 03)</source>
        <translation>Từ &amp;chối tiếp nhận (Mẫu 03)</translation>
    </message>
    <message>
        <source>D&amp;ocuments to bring (untick what is not needed):</source>
        <translation>Giấy tờ cần &amp;nộp thêm (bỏ đánh dấu mục không cần):</translation>
    </message>
    <message>
        <source>&amp;Guidance and reason, printed on the request:</source>
        <translation>Nội dung hướn&amp;g dẫn, lý do (in trên phiếu):</translation>
    </message>
    <message>
        <source>Reason for the refusa&amp;l, printed on the form (required):</source>
        <translation>Lý &amp;do từ chối, in trên phiếu (bắt buộc):</translation>
    </message>
    <message>
        <source>The &amp;citizen agrees that the data above is processed to handle this application.</source>
        <translation>Công dân đồng ý cho &amp;xử lý các thông tin trên để giải quyết hồ sơ này.</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <source>To review</source>
        <translation>Cần xem xét</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Đã chuyển cấp trên</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Đã trả lại</translation>
    </message>
    <message>
        <source>All flagged</source>
        <translation>Mọi hồ sơ cần xem</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Duyệt</translation>
    </message>
    <message>
        <source>The flags shown are in order (Ctrl+Enter)</source>
        <translation>Các điểm cần xem đều ổn (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Re&amp;turn to officer…</source>
        <translation>T&amp;rả lại cán bộ…</translation>
    </message>
    <message>
        <source>Send the dossier back to its officer with a note (Ctrl+R)</source>
        <translation>Trả hồ sơ lại cho cán bộ tiếp nhận, kèm ghi chú (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Escalate…</source>
        <translation>Ch&amp;uyển cấp trên…</translation>
    </message>
    <message>
        <source>Pass the dossier to the head of the centre with a note (Ctrl+E)</source>
        <translation>Chuyển hồ sơ lên lãnh đạo trung tâm, kèm ghi chú (Ctrl+E)</translation>
    </message>
    <message>
        <source>Sh&amp;ow:</source>
        <translation>Lọc &amp;theo:</translation>
    </message>
    <message>
        <source>Doss&amp;iers:</source>
        <translation>Danh sách hồ &amp;sơ:</translation>
    </message>
    <message>
        <source>&amp;Flags of the selected dossier:</source>
        <translation>Điểm &amp;cần xem của hồ sơ đang chọn:</translation>
    </message>
    <message>
        <source>{n} dossiers</source>
        <translation>{n} hồ sơ</translation>
    </message>
    <message>
        <source>The dossier&apos;s details could not be read: {reason}</source>
        <translation>Không đọc được chi tiết hồ sơ: {reason}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>Select a dossier to see its flags.</source>
        <translation>Chọn một hồ sơ để xem các điểm cần xem.</translation>
    </message>
    <message>
        <source>{citizen} · {procedure}</source>
        <translation>{citizen} · {procedure}</translation>
    </message>
    <message>
        <source>Officer {officer} at desk {desk} · {status}</source>
        <translation>Cán bộ {officer} tại máy {desk} · {status}</translation>
    </message>
    <message>
        <source>(seen at the last review)</source>
        <translation>(đã xem ở lần xem xét trước)</translation>
    </message>
    <message>
        <source>Earlier reviews</source>
        <translation>Các lần xem xét trước</translation>
    </message>
    <message>
        <source>Photo accepted although it fails: {rules}.</source>
        <translation>Ảnh được chấp nhận dù không đạt: {rules}.</translation>
    </message>
    <message>
        <source>Reason: {reason} (accepted by {who})</source>
        <translation>Lý do: {reason} (người chấp nhận: {who})</translation>
    </message>
    <message>
        <source>Accepted with fewer copies than the procedure asks: {documents} (accepted by {who})</source>
        <translation>Tiếp nhận dù ít bản hơn thủ tục yêu cầu: {documents} (người chấp nhận: {who})</translation>
    </message>
    <message>
        <source>Rule {rule} set aside for: {documents} (by {who})</source>
        <translation>Bỏ qua quy tắc {rule} cho: {documents} (người bỏ qua: {who})</translation>
    </message>
    <message>
        <source>Printed again at another desk of the site.</source>
        <translation>Đã in lại tại một máy khác của điểm tiếp nhận.</translation>
    </message>
    <message>
        <source>{form} printed again {when} by {officer}: {reason}</source>
        <translation>{form} in lại {when} bởi {officer}: {reason}</translation>
    </message>
    <message>
        <source>Refunded at another desk of the site.</source>
        <translation>Đã hoàn phí tại một máy khác của điểm tiếp nhận.</translation>
    </message>
    <message>
        <source>{amount} refunded {when} by {officer}: {reason}</source>
        <translation>Hoàn {amount} {when} bởi {officer}: {reason}</translation>
    </message>
    <message>
        <source>{what} held: {reason}</source>
        <translation>{what} bị từ chối: {reason}</translation>
    </message>
    <message>
        <source>Due {due}: the time has passed.</source>
        <translation>Hẹn trả {due}: đã quá giờ hẹn.</translation>
    </message>
    <message>
        <source>Due {due}: {days} day(s) late.</source>
        <translation>Hẹn trả {due}: trễ {days} ngày.</translation>
    </message>
    <message>
        <source>{action} by {who}, {when}</source>
        <translation>{action} bởi {who}, {when}</translation>
    </message>
    <message>
        <source>Return to the officer</source>
        <translation>Trả lại cán bộ</translation>
    </message>
    <message>
        <source>What should the officer put right?</source>
        <translation>Cán bộ cần sửa điều gì?</translation>
    </message>
    <message>
        <source>&amp;Return</source>
        <translation>&amp;Trả lại</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>Chuyển cấp trên</translation>
    </message>
    <message>
        <source>Why does this dossier need the head of the centre?</source>
        <translation>Vì sao hồ sơ này cần lãnh đạo trung tâm xem?</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>&amp;Chuyển cấp trên</translation>
    </message>
    <message>
        <source>{action}: {code}</source>
        <translation>{action}: {code}</translation>
    </message>
    <message>
        <source>The decision was not recorded: {reason}</source>
        <translation>Chưa ghi nhận được quyết định: {reason}</translation>
    </message>
    <message>
        <source>The review list could not be read: {reason}</source>
        <translation>Không đọc được danh sách cần xem xét: {reason}</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <source>Doc&amp;ument:</source>
        <translation>&amp;Giấy tờ:</translation>
    </message>
    <message>
        <source>Sc&amp;ans of this document (Delete removes the selected):</source>
        <translation>Bản q&amp;uét của giấy tờ này (phím Delete để xóa bản đã chọn):</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Attach &amp;file…</source>
        <translation>Đính kèm tệ&amp;p…</translation>
    </message>
    <message>
        <source>Choose scanned PDFs or pictures of this document</source>
        <translation>Chọn tệp PDF hoặc ảnh quét của giấy tờ này</translation>
    </message>
    <message>
        <source>&amp;Camera…</source>
        <translation>Chụp bằng &amp;camera…</translation>
    </message>
    <message>
        <source>Photograph a page with the desk camera; it is cut out and straightened</source>
        <translation>Chụp trang giấy bằng camera của quầy; ảnh được tự động cắt khung và làm thẳng</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>Remove the selected scans (Delete)</source>
        <translation>Xóa các bản quét đã chọn (Delete)</translation>
    </message>
    <message>
        <source>Attach scans of the document</source>
        <translation>Đính kèm bản quét của giấy tờ</translation>
    </message>
    <message>
        <source>Scans ({patterns})</source>
        <translation>Bản quét ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tất cả các tệp (*)</translation>
    </message>
    <message>
        <source>Only files on this computer can be attached; save the file first.</source>
        <translation>Chỉ đính kèm được tệp có trên máy tính này; hãy lưu tệp về máy trước.</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is already attached to this document.</source>
        <translation>Tệp “{name}” đã được đính kèm vào giấy tờ này.</translation>
    </message>
    <message>
        <source>{count} scan(s) attached.</source>
        <translation>Đã đính kèm {count} bản quét.</translation>
    </message>
    <message>
        <source>Preparing &quot;{name}&quot;…</source>
        <translation>Đang xử lý “{name}”…</translation>
    </message>
    <message>
        <source>({count} more waiting)</source>
        <translation>(còn {count} tệp đang chờ)</translation>
    </message>
    <message>
        <source>{document} ({count} scan(s))</source>
        <translation>{document} ({count} bản quét)</translation>
    </message>
    <message>
        <source>This procedure asks for no documents.</source>
        <translation>Thủ tục này không yêu cầu giấy tờ nào.</translation>
    </message>
    <message>
        <source>Scanned PDF or pictures (JPEG, PNG, TIFF, WebP), at most {limit} MB each. Drop files here, attach them, or photograph the page.</source>
        <translation>Tệp PDF hoặc ảnh quét (JPEG, PNG, TIFF, WebP), mỗi tệp tối đa {limit} MB. Kéo thả tệp vào đây, đính kèm tệp, hoặc chụp ảnh trang giấy.</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Picture (JPEG)</source>
        <translation>Ảnh (JPEG)</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>No scan selected</source>
        <translation>Chưa chọn bản quét nào</translation>
    </message>
    <message>
        <source>PDF, {count} page(s)</source>
        <translation>PDF, {count} trang</translation>
    </message>
    <message>
        <source>Loading the preview…</source>
        <translation>Đang tải bản xem trước…</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>Không có bản xem trước</translation>
    </message>
</context>
<context>
    <name>SessionLock</name>
    <message>
        <source>L&amp;ock the desk</source>
        <translation>&amp;Khóa quầy</translation>
    </message>
    <message>
        <source>Lock the desk while you are away; your password unlocks it ({key})</source>
        <translation>Khóa quầy khi bạn rời chỗ; mật khẩu của bạn sẽ mở khóa ({key})</translation>
    </message>
    <message>
        <source>One-stop desk {desk}</source>
        <translation>Quầy Một cửa {desk}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings of this desk</source>
        <translation>Cài đặt của quầy</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Bảo mật</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>A new address, certificate authority, desk id or language takes effect when the desk starts again; the idle lock and the sync interval at the next sign-in; the rest at once. Ctrl+1 … Ctrl+5 go to the tabs.</source>
        <translation>Địa chỉ, chứng chỉ gốc, mã quầy hoặc ngôn ngữ mới có hiệu lực khi mở lại ứng dụng; thời gian tự khóa và chu kỳ đồng bộ có hiệu lực từ lần đăng nhập sau; các thiết lập khác có hiệu lực ngay. Ctrl+1 … Ctrl+5 để chuyển giữa các thẻ.</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>The central system</source>
        <translation>Hệ thống trung tâm</translation>
    </message>
    <message>
        <source>This desk</source>
        <translation>Quầy này</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> phút</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ngày</translation>
    </message>
    <message>
        <source>&amp;Lock the desk after</source>
        <translation>&amp;Khóa máy sau</translation>
    </message>
    <message>
        <source>without a key press or a mouse movement ({low}–{high})</source>
        <translation>không có thao tác bàn phím hoặc chuột ({low}–{high})</translation>
    </message>
    <message>
        <source>Sign in &amp;offline for up to</source>
        <translation>Cho đăng nhập &amp;ngoại tuyến tối đa</translation>
    </message>
    <message>
        <source>after an officer&apos;s last online sign-in on this desk; 0 turns it off ({low}–{high})</source>
        <translation>kể từ lần đăng nhập trực tuyến gần nhất của cán bộ trên quầy này; 0 là không cho phép ({low}–{high})</translation>
    </message>
    <message>
        <source>&amp;Keep confirmed dossiers for</source>
        <translation>&amp;Giữ hồ sơ đã được xác nhận trong</translation>
    </message>
    <message>
        <source>on this desk, once the central system confirmed them ({low}–{high})</source>
        <translation>trên quầy này, sau khi hệ thống trung tâm đã xác nhận ({low}–{high})</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>Sync e&amp;very</source>
        <translation>Đồng &amp;bộ mỗi</translation>
    </message>
    <message>
        <source>How often the desk sends its dossiers and asks for news when nobody presses Send now (F5).</source>
        <translation>Khoảng thời gian giữa hai lần quầy tự gửi hồ sơ và nhận cập nhật, khi không ai nhấn Gửi ngay (F5).</translation>
    </message>
    <message>
        <source>Interface &amp;language</source>
        <translation>&amp;Ngôn ngữ giao diện</translation>
    </message>
    <message>
        <source>Type the address of the central system.</source>
        <translation>Hãy nhập địa chỉ của hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>The desk could not be checked with the central system, so nothing was saved: see above.</source>
        <translation>Chưa xác minh được quầy với hệ thống trung tâm nên chưa có gì được lưu: xem thông báo ở trên.</translation>
    </message>
    <message>
        <source>Checking the desk before saving…</source>
        <translation>Đang xác minh quầy trước khi lưu…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
</context>
<context>
    <name>SettingsLauncher</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <source>the central system&apos;s address</source>
        <translation>địa chỉ hệ thống trung tâm</translation>
    </message>
    <message>
        <source>its certificate authority</source>
        <translation>chứng chỉ gốc của hệ thống</translation>
    </message>
    <message>
        <source>the desk id</source>
        <translation>mã quầy</translation>
    </message>
    <message>
        <source>the language</source>
        <translation>ngôn ngữ</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Đã lưu cài đặt</translation>
    </message>
    <message>
        <source>The settings are saved. Close the desk and start it again for {what} to take effect.</source>
        <translation>Đã lưu cài đặt. Hãy đóng rồi mở lại ứng dụng để {what} mới có hiệu lực.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up this desk</source>
        <translation>Thiết lập quầy</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Tiếp &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <source>Card camera</source>
        <translation>Camera đọc CCCD</translation>
    </message>
    <message>
        <source>Page camera</source>
        <translation>Camera chụp giấy tờ</translation>
    </message>
    <message>
        <source>Portrait camera</source>
        <translation>Camera chụp ảnh chân dung</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>none on this computer for now</source>
        <translation>máy này hiện chưa có</translation>
    </message>
    <message>
        <source>Central system</source>
        <translation>Hệ thống trung tâm</translation>
    </message>
    <message>
        <source>{url} (version {version})</source>
        <translation>{url} (phiên bản {version})</translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation>Chứng chỉ gốc</translation>
    </message>
    <message>
        <source>this computer&apos;s own</source>
        <translation>của máy này</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Quầy</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Desk key</source>
        <translation>Khóa của quầy</translation>
    </message>
    <message>
        <source>kept in this computer&apos;s password keyring</source>
        <translation>được lưu trong kho mật khẩu của máy này</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Máy in</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Khổ giấy</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>Keeping the settings…</source>
        <translation>Đang lưu cài đặt…</translation>
    </message>
</context>
<context>
    <name>StillCaptureDialog</name>
    <message>
        <source>&amp;Retake</source>
        <translation>Chụp &amp;lại</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <source>There is no picture from the camera yet.</source>
        <translation>Chưa có hình ảnh từ camera.</translation>
    </message>
    <message>
        <source>Saving the picture…</source>
        <translation>Đang lưu ảnh…</translation>
    </message>
    <message>
        <source>The picture could not be saved ({reason}). Take it again.</source>
        <translation>Không lưu được ảnh ({reason}). Hãy chụp lại.</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <source>Press Finish to keep these settings; signing in comes next.</source>
        <translation>Nhấn Hoàn tất để lưu các cài đặt này; tiếp theo là bước đăng nhập.</translation>
    </message>
</context>
<context>
    <name>SupervisorTab</name>
    <message>
        <source>Re&amp;fresh (Ctrl+F5)</source>
        <translation>Cập &amp;nhật (Ctrl+F5)</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <source>Supervisor workspace: {site}</source>
        <translation>Khu làm việc giám sát: {site}</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Hàng đợi</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Xem xét</translation>
    </message>
    <message>
        <source>S&amp;ync health</source>
        <translation>Tình trạng &amp;gửi</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>Số &amp;liệu</translation>
    </message>
    <message>
        <source>&amp;Waiting room</source>
        <translation>&amp;Phòng chờ</translation>
    </message>
</context>
<context>
    <name>SyncHealth</name>
    <message>
        <source>just now</source>
        <translation>vừa xong</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>{n} phút trước</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>{n} giờ trước</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>{n} ngày trước</translation>
    </message>
</context>
<context>
    <name>SyncHealthTab</name>
    <message>
        <source>Desk</source>
        <translation>Máy</translation>
    </message>
    <message>
        <source>Counter officer</source>
        <translation>Cán bộ tại quầy</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Liên lạc gần nhất</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Đang thử lại</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Reported at</source>
        <translation>Báo lúc</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Mục</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Held since</source>
        <translation>Bị từ chối từ</translation>
    </message>
    <message>
        <source>Asked of the desk</source>
        <translation>Việc yêu cầu máy làm</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Việc</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Người ra lệnh</translation>
    </message>
    <message>
        <source>Issued at</source>
        <translation>Ra lệnh lúc</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>Gửi lạ&amp;i</translation>
    </message>
    <message>
        <source>Dis&amp;card with reason…</source>
        <translation>&amp;Bỏ mục này…</translation>
    </message>
    <message>
        <source>&amp;Held entries</source>
        <translation>Mục bị từ &amp;chối</translation>
    </message>
    <message>
        <source>C&amp;ommands to the desk</source>
        <translation>Lệnh gửi &amp;tới máy</translation>
    </message>
    <message>
        <source>De&amp;sks of the site:</source>
        <translation>Các &amp;máy của điểm tiếp nhận:</translation>
    </message>
    <message>
        <source>The central system cannot be reached.</source>
        <translation>Không liên lạc được với hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>{reason} Only this desk is shown; the other desks&apos; state is not known now.</source>
        <translation>{reason} Chỉ hiện máy này; chưa biết tình trạng các máy khác.</translation>
    </message>
    <message>
        <source>As of {moment}</source>
        <translation>Tính đến {moment}</translation>
    </message>
    <message>
        <source>{desk} (this desk)</source>
        <translation>{desk} (máy này)</translation>
    </message>
    <message>
        <source>&amp;Held entries of {desk}: {count}</source>
        <translation>Mục bị từ &amp;chối của {desk}: {count}</translation>
    </message>
    <message>
        <source>entry #{number}</source>
        <translation>mục #{number}</translation>
    </message>
    <message>
        <source>the entry of dossier {code}</source>
        <translation>mục gửi của hồ sơ {code}</translation>
    </message>
    <message>
        <source>Discard the entry?</source>
        <translation>Bỏ mục này?</translation>
    </message>
    <message>
        <source>Discard the entry of dossier {code}? It will never reach the central system.</source>
        <translation>Bỏ mục gửi của hồ sơ {code}? Mục này sẽ không bao giờ đến hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Lý do: {reason}</translation>
    </message>
    <message>
        <source>&amp;Discard it</source>
        <translation>&amp;Bỏ mục này</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Giữ lại</translation>
    </message>
    <message>
        <source>Desk {desk} will send the entry of dossier {code} again at its next sync.</source>
        <translation>Máy {desk} sẽ gửi lại mục của hồ sơ {code} ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>Desk {desk} will discard the entry of dossier {code} at its next sync.</source>
        <translation>Máy {desk} sẽ bỏ mục của hồ sơ {code} ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>The entry of dossier {code} will be sent again.</source>
        <translation>Mục của hồ sơ {code} sẽ được gửi lại.</translation>
    </message>
    <message>
        <source>The entry of dossier {code} was discarded.</source>
        <translation>Đã bỏ mục của hồ sơ {code}.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Click to see what waits to be sent and why (F6).</source>
        <translation>Nhấn để xem các mục đang chờ gửi và lý do (F6).</translation>
    </message>
    <message>
        <source>Waiting to send: {count}</source>
        <translation>Chờ gửi: {count}</translation>
    </message>
    <message>
        <source>held for review: {count}</source>
        <translation>chờ xem xét: {count}</translation>
    </message>
    <message>
        <source>Attachments sent in this pass: {size} MB</source>
        <translation>Tệp đính kèm đã gửi trong lượt này: {size} MB</translation>
    </message>
    <message>
        <source>Updating the list of procedures…</source>
        <translation>Đang cập nhật danh mục thủ tục…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Đang kết nối…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Trực tuyến</translation>
    </message>
    <message>
        <source>● Offline — will try again at {time}</source>
        <translation>● Mất kết nối — sẽ thử lại lúc {time}</translation>
    </message>
    <message>
        <source>● Offline: work is kept and sent later</source>
        <translation>● Mất kết nối: hồ sơ được giữ lại và gửi sau</translation>
    </message>
    <message>
        <source>Sending {done}/{total}</source>
        <translation>Đang gửi {done}/{total}</translation>
    </message>
    <message>
        <source>{sent}/{size} MB</source>
        <translation>{sent}/{size} MB</translation>
    </message>
</context>
<context>
    <name>SyncState</name>
    <message>
        <source>Waiting to send</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Will retry</source>
        <translation>Sẽ gửi lại</translation>
    </message>
    <message>
        <source>Held for review</source>
        <translation>Chờ xem xét</translation>
    </message>
    <message>
        <source>Discarded by a supervisor</source>
        <translation>Lãnh đạo đã bỏ mục này</translation>
    </message>
</context>
<context>
    <name>UpdateDialog</name>
    <message>
        <source>Desk updates</source>
        <translation>Cập nhật chương trình</translation>
    </message>
    <message>
        <source>This desk: version {version}</source>
        <translation>Máy này: phiên bản {version}</translation>
    </message>
    <message>
        <source>Release &amp;notes:</source>
        <translation>&amp;Ghi chú của phiên bản:</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Tải về</translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation>&amp;Mở thư mục</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <source>Asking the central system which desk version is on offer…</source>
        <translation>Đang hỏi hệ thống trung tâm phiên bản chương trình mới nhất…</translation>
    </message>
    <message>
        <source>No desk version is on offer from the central system yet.</source>
        <translation>Hệ thống trung tâm chưa công bố phiên bản chương trình nào.</translation>
    </message>
    <message>
        <source>Nothing to download: this desk stays as it is.</source>
        <translation>Không có gì để tải về: chương trình trên máy này giữ nguyên.</translation>
    </message>
    <message>
        <source>On offer: version {version}, published {when}</source>
        <translation>Phiên bản mới: {version}, công bố lúc {when}</translation>
    </message>
    <message>
        <source>A newer version is available. Download it, then close the desk and run the installer (the site&apos;s IT may have to do this).</source>
        <translation>Đã có phiên bản mới hơn. Hãy tải về, đóng chương trình rồi chạy tệp cài đặt (có thể cần bộ phận công nghệ thông tin của đơn vị thực hiện).</translation>
    </message>
    <message>
        <source>This desk is up to date.</source>
        <translation>Chương trình trên máy này đã là phiên bản mới nhất.</translation>
    </message>
    <message>
        <source>The version on offer is not known.</source>
        <translation>Chưa biết được phiên bản mới nhất.</translation>
    </message>
    <message>
        <source>Downloading version {version}… Esc stops it.</source>
        <translation>Đang tải phiên bản {version}… Nhấn Esc để dừng.</translation>
    </message>
    <message>
        <source>Saved as {path}. Close the desk before you run the installer.</source>
        <translation>Đã lưu tại {path}. Hãy đóng chương trình trước khi chạy tệp cài đặt.</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <source>Stopping the download…</source>
        <translation>Đang dừng tải về…</translation>
    </message>
</context>
<context>
    <name>UpdateOffer</name>
    <message>
        <source>Check for &amp;updates…</source>
        <translation>&amp;Kiểm tra bản cập nhật…</translation>
    </message>
    <message>
        <source>Desk version {version} is available (Help ▸ Check for updates…)</source>
        <translation>Đã có phiên bản {version} của chương trình (Trợ giúp ▸ Kiểm tra bản cập nhật…)</translation>
    </message>
</context>
<context>
    <name>UpstreamChecks</name>
    <message>
        <source>Waiting to be checked.</source>
        <translation>Đang chờ kiểm tra.</translation>
    </message>
    <message>
        <source>Being checked now…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Next try at {time}.</source>
        <translation>Sẽ thử lại lúc {time}.</translation>
    </message>
</context>
<context>
    <name>UpstreamChecksView</name>
    <message>
        <source>Checks with other agencies</source>
        <translation>Kiểm tra với cơ quan khác</translation>
    </message>
    <message>
        <source>Saving does not wait for these checks; an answer that comes later shows in the list of checks.</source>
        <translation>Có thể lưu hồ sơ mà không cần chờ các kết quả kiểm tra này; kết quả trả về sau sẽ hiện trong danh sách kiểm tra với cơ quan khác.</translation>
    </message>
</context>
<context>
    <name>WaitingRoomTab</name>
    <message>
        <source>Desk</source>
        <translation>Máy</translation>
    </message>
    <message>
        <source>Officer signed in</source>
        <translation>Cán bộ đang đăng nhập</translation>
    </message>
    <message>
        <source>Citizens parked</source>
        <translation>Công dân đang tạm dừng</translation>
    </message>
    <message>
        <source>Intakes in progress</source>
        <translation>Đang tiếp nhận</translation>
    </message>
    <message>
        <source>Last report</source>
        <translation>Báo cáo gần nhất</translation>
    </message>
    <message>
        <source>&amp;Counters of the site:</source>
        <translation>Các &amp;quầy của điểm tiếp nhận:</translation>
    </message>
    <message>
        <source>The central system cannot be reached.</source>
        <translation>Không liên lạc được với hệ thống trung tâm.</translation>
    </message>
    <message>
        <source>{reason} Only this desk&apos;s counter is shown.</source>
        <translation>{reason} Chỉ hiện quầy của máy này.</translation>
    </message>
    <message>
        <source>As of {moment}</source>
        <translation>Tính đến {moment}</translation>
    </message>
    <message>
        <source>{desk} (this desk)</source>
        <translation>{desk} (máy này)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>bây giờ</translation>
    </message>
    <message>
        <source>never reported</source>
        <translation>chưa báo lần nào</translation>
    </message>
    <message>
        <source>Total: {parked} parked, {in_progress} in progress at {desks} desk(s)</source>
        <translation>Tổng: {parked} tạm dừng, {in_progress} đang tiếp nhận tại {desks} máy</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Set up this desk</source>
        <translation>Thiết lập quầy</translation>
    </message>
    <message>
        <source>This desk takes citizens&apos; dossiers for the province&apos;s one-stop system. Setting it up takes a minute: the address of the central system, the desk id, the site code and the desk key the administrator issued, then the printer and the cameras.</source>
        <translation>Quầy này tiếp nhận hồ sơ của công dân cho hệ thống Một cửa của tỉnh. Việc thiết lập chỉ mất khoảng một phút: địa chỉ hệ thống trung tâm, mã quầy, mã đơn vị và khóa của quầy do quản trị viên cấp, sau đó là máy in và camera.</translation>
    </message>
    <message>
        <source>Interface &amp;language</source>
        <translation>&amp;Ngôn ngữ giao diện</translation>
    </message>
    <message>
        <source>&amp;Connect to the province&apos;s central system</source>
        <translation>&amp;Kết nối với hệ thống trung tâm của tỉnh</translation>
    </message>
    <message>
        <source>Try the desk in &amp;demo mode</source>
        <translation>&amp;Dùng thử ở chế độ trình diễn</translation>
    </message>
    <message>
        <source>Demo mode runs a practice central system on this computer, with made-up citizens; nothing is kept, and the setup is offered again at the next start.</source>
        <translation>Chế độ trình diễn chạy một hệ thống trung tâm để thực hành ngay trên máy này, với dữ liệu công dân giả định; không có gì được lưu lại, và bước thiết lập sẽ hiện lại ở lần mở ứng dụng sau.</translation>
    </message>
</context>
</TS>
